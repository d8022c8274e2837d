package org.mtalistener.conf.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mtalistener.conf.values.ConfString;

/**
 * Reads the files of one include tree, as Momentum does: {@code include "x"} (and {@code readonly_include}, read
 * alike, since writing back is not this library's business) splices the statements of file {@code x} into the scope
 * where it stands. A relative path is relative to the directory of the including file. A directory includes its
 * files in lexical order of their names, skipping hidden files (names starting with {@code .}) and sub-directories.
 *
 * <p>A file that includes itself, directly or through others, is an error at the include that closes the circle,
 * naming the chain ({@code include cycle: a.conf -> b.conf -> a.conf}). The same file included twice side by side is
 * not a cycle and is read twice. A missing file is an error at the include. Only files can be included: Momentum's
 * URI includes ({@code eccmgr://...}) are errors, except {@code file://}, which is read as the path it names.
 *
 * <p>Files are read as UTF-8.
 */
final class Includes {

    /** A file being read: its real path, to find cycles whatever the spelling, and its name for messages. */
    private record Frame(Path real, String shown) {
    }

    /** Deeper include chains are surely a mistake, and each level costs stack: stop with a message instead. */
    static final int MAX_DEPTH = 16;

    private final Problems problems;
    private final List<Frame> reading = new ArrayList<>();

    Includes(Problems problems) {
        this.problems = problems;
    }

    /** The statements of the top file. */
    List<Node> top(Path file) throws ConfException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw problems.fatal(new Position(file.toString(), 1, 1), "cannot read the file (" + e + ")");
        }
        return top(decode(bytes, file.toString()), file);
    }

    /** The statements of the top file, given as text; {@code file} names it and locates its includes. */
    List<Node> top(String text, Path file) throws ConfException {
        return parse(text, file, realPath(file), ScopeParser.Where.TOP);
    }

    /** The statements an {@code include} at {@code keyword} in {@code fromFile} brings in. */
    List<Node> include(Token keyword, Token target, String fromFile, ScopeParser.Where where) throws ConfException {
        String spec = target.text();
        String what = keyword.text() + " " + ConfString.quoted(spec);
        if (spec.startsWith("file://")) {
            spec = spec.substring("file://".length());
        } else if (spec.contains("://")) {
            problems.add(keyword.position(), what + ": expected a file or directory path, got a URI (only file:// "
                    + "URIs can be included here)");
            return List.of();
        }
        if (spec.isEmpty()) {
            problems.add(keyword.position(), what + ": expected a file or directory path, got nothing");
            return List.of();
        }
        Path path;
        try {
            Path directory = Path.of(fromFile).getParent();
            path = (directory == null ? Path.of(spec) : directory.resolve(spec)).normalize();
        } catch (InvalidPathException e) {
            problems.add(keyword.position(), what + ": expected a file or directory path, got " + e.getReason());
            return List.of();
        }
        if (Files.isDirectory(path)) {
            List<Node> nodes = new ArrayList<>();
            for (Path member : members(keyword, what, path)) {
                nodes.addAll(file(keyword, what, member, where));
            }
            return nodes;
        }
        if (!Files.exists(path)) {
            problems.add(keyword.position(), what + ": no such file or directory (looked for " + path + ")");
            return List.of();
        }
        return file(keyword, what, path, where);
    }

    private List<Node> file(Token keyword, String what, Path path, ScopeParser.Where where) throws ConfException {
        Path real = realPath(path);
        for (int i = 0; i < reading.size(); i++) {
            if (reading.get(i).real().equals(real)) {
                String chain = Stream.concat(reading.subList(i, reading.size()).stream().map(Frame::shown),
                        Stream.of(path.toString())).collect(Collectors.joining(" -> "));
                problems.add(keyword.position(), "include cycle: " + chain);
                return List.of();
            }
        }
        if (reading.size() > MAX_DEPTH) { // the top file is not an include
            throw problems.fatal(keyword.position(), what + ": expected includes nested at most " + MAX_DEPTH
                    + " deep, got deeper");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(keyword.position(), what + ": cannot read " + path + " (" + e + ")");
            return List.of();
        }
        return parse(decode(bytes, path.toString()), path, real, where);
    }

    private List<Node> parse(String text, Path file, Path real, ScopeParser.Where where) throws ConfException {
        String shown = file.toString();
        reading.add(new Frame(real, shown));
        try {
            return new ScopeParser(new Lexer(text, shown, problems), shown, problems, this).file(where);
        } finally {
            reading.remove(reading.size() - 1);
        }
    }

    /** The files a directory include reads: not hidden, not directories, in lexical order of their names. */
    private List<Path> members(Token keyword, String what, Path directory) throws ConfException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> !Files.isDirectory(path))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(keyword.position(), what + ": cannot list " + directory + " (" + e + ")");
            return List.of();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // text given without a file: its name stands for it
        }
    }

    /** The text of a file; malformed UTF-8 is an error at the line and column where it starts. */
    private String decode(byte[] bytes, String file) throws ConfException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int lastBreak = before.lastIndexOf('\n');
            String lineSoFar = before.substring(lastBreak + 1);
            int column = 1 + lineSoFar.codePointCount(0, lineSoFar.length());
            throw problems.fatal(new Position(file, line, column), String.format(
                    "expected UTF-8 text, got the byte 0x%02X", bytes[in.position()] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
