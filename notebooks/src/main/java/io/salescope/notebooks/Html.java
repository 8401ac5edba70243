package io.salescope.notebooks;

import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/** HTML (or Markdown) shown as such in the notebook; {@code text} is its plain-text form. */
public record Html(String html, String text, boolean markdown) implements DisplayDataRenderable {

    public Html {
        requireNonNull(html, "html is null");
        requireNonNull(text, "text is null");
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return markdown ? Set.of(MIMEType.TEXT_MARKDOWN, MIMEType.TEXT_PLAIN) : Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
        context.renderIfRequested(markdown ? MIMEType.TEXT_MARKDOWN : MIMEType.TEXT_HTML, () -> html);
    }

    @Override
    public String toString() {
        return text;
    }
}
