package org.mtalistener.conf.parse;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a Momentum {@code ecelerity.conf} file, in either syntax or a mix of both, into a {@link ConfFile}:
 * <ul>
 *   <li>Momentum 4 scopes: {@code ESMTP_Listener { Listen ":25" { Listen_Backlog = 500 } }}, see {@link Lexer} for
 *       the tokens and {@link ScopeParser} for the grammar;</li>
 *   <li>Momentum 2.x listener lists: {@code Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( continue ) ] )}, translated to
 *       the scopes they stand for, see {@link LegacyListener} and {@link LegacyAcl};</li>
 *   <li>{@code include} and {@code readonly_include}, see {@link Includes}.</li>
 * </ul>
 * This is the syntax only: which options exist and what their values mean is the option registry's business. The
 * one exception is that {@code Listen} and {@code Peer} instances inside a listener must be listen addresses and
 * CIDR blocks, since a wrong one is a syntax slip best shown where it was written.
 *
 * <p>Every problem is a {@link ConfException} naming file, line and column; nothing is skipped silently.
 */
public final class ConfParser {

    private ConfParser() {
    }

    /**
     * Reads {@code file} and what it includes. Messages and positions name the file as given here, and includes as
     * its directory joined with their path, so pass the path the user wrote.
     */
    public static ConfFile parse(Path file) throws ConfException {
        return read(file).orThrow();
    }

    /**
     * What reading {@code file} gave: the tree, and the problems that left its structure intact, so that a caller
     * can check the tree further and report every problem at once. Throws only for a problem after which there is
     * no tree (an unterminated string, a missing "}").
     */
    public static Reading read(Path file) throws ConfException {
        Problems problems = new Problems();
        List<Node> body = new Includes(problems).top(file);
        return new Reading(new ConfFile(file.toString(), body, problems.notices()), problems.errors());
    }

    /** {@link #read(Path)} for {@code text} as if it were the content of {@code file}. */
    public static Reading read(String text, Path file) throws ConfException {
        Problems problems = new Problems();
        List<Node> body = new Includes(problems).top(text, file);
        return new Reading(new ConfFile(file.toString(), body, problems.notices()), problems.errors());
    }

    /**
     * A file read as far as its structure allows.
     *
     * @param file     the tree, without what the problems were about (a bad address's Listen is kept, a bad ACL
     *                 property is left out)
     * @param problems those found, in order; empty when the file reads cleanly
     */
    public record Reading(ConfFile file, List<ConfError> problems) {

        public Reading {
            problems = List.copyOf(problems);
        }

        /** The tree, if there were no problems. */
        public ConfFile orThrow() throws ConfException {
            if (!problems.isEmpty()) {
                throw new ConfException(problems);
            }
            return file;
        }
    }

    /**
     * Reads {@code text} as if it were the content of {@code file}: {@code file} names it in messages and its
     * directory is where relative includes are looked for. The file itself need not exist.
     */
    public static ConfFile parse(String text, Path file) throws ConfException {
        return read(text, file).orThrow();
    }
}
