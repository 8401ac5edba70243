package io.salescope.core.store;

import java.io.IOException;
import java.util.List;

/**
 * The few file operations versioned publishing needs, over paths relative to a root.
 * {@link LocalStorage} serves local disks (and the bot, which must stay free of Hadoop);
 * the Spark jobs use a Hadoop FileSystem implementation so the warehouse can live on any
 * Hadoop file system.
 */
public interface Storage {

    /** The absolute location of {@code relativePath}, as Spark or DuckDB should be given it. */
    String location(String relativePath);

    boolean exists(String relativePath) throws IOException;

    byte[] read(String relativePath) throws IOException;

    /** Replaces the file's content so that readers see the old or the new content, never a mix. */
    void writeAtomically(String relativePath, byte[] content) throws IOException;

    /** Creates the file with this content; false (and nothing written) if it already exists. */
    boolean createExclusively(String relativePath, byte[] content) throws IOException;

    /** Names (not paths) of the entries directly under the directory; empty if it does not exist. */
    List<String> list(String relativeDirectory) throws IOException;

    /** Deletes a file or a directory tree; no error if absent. */
    void delete(String relativePath) throws IOException;
}
