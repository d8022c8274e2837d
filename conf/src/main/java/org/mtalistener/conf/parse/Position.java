package org.mtalistener.conf.parse;

import java.util.Objects;

/**
 * Where a node of a conf file was written: the file as the reader named it (the path given to the parser, or that
 * path's directory joined with an {@code include}), and the 1-based line and column. A column counts characters, a
 * tab and a non-BMP character (a surrogate pair) each count as one. {@link #toString()} gives the
 * {@code file:line:column} prefix of every error message.
 */
public record Position(String file, int line, int column) {

    public Position {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** The position {@code columns} characters further on the same line. */
    public Position plusColumns(int columns) {
        return new Position(file, line, column + columns);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
