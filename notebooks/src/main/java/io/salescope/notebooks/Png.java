package io.salescope.notebooks;

import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** A PNG image shown inline; {@code description} is its text form. */
public record Png(byte[] bytes, String description) implements DisplayDataRenderable {

    public Png {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(description, "description is null");
    }

    public static Png of(byte[] bytes) {
        return new Png(bytes, String.format(Locale.ROOT, "PNG image, %,d bytes", bytes.length));
    }

    public static Png read(Path file) {
        try {
            return new Png(Files.readAllBytes(file), "PNG image " + file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + file, e);
        }
    }

    /** Writes the image to {@code file} (for a report or a chat message). */
    public Path save(Path file) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image to " + file, e);
        }
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> description);
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return description;
    }
}
