package org.mtalistener.net;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of ASN.1 DER that reading OpenSSL's key files takes: one element at a time (tag, contents), and
 * writing an element back. Not a general ASN.1 library: definite lengths only, tags of one byte.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One element: its tag and its contents (without tag and length). */
    record Element(int tag, byte[] contents) {

        /** The elements inside a constructed element such as a SEQUENCE. */
        List<Element> children() {
            List<Element> children = new ArrayList<>();
            int[] at = {0};
            while (at[0] < contents.length) {
                children.add(read(contents, at));
            }
            return children;
        }

        byte[] encoded() {
            return Der.encode(tag, contents);
        }
    }

    private Der() {
    }

    /** The single element that makes up {@code der}. */
    static Element parse(byte[] der) {
        int[] at = {0};
        Element element = read(der, at);
        if (at[0] != der.length) {
            throw new IllegalArgumentException("bytes after the end of the DER element");
        }
        return element;
    }

    private static Element read(byte[] der, int[] at) {
        if (at[0] + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int tag = der[at[0]++] & 0xff;
        int length = der[at[0]++] & 0xff;
        if (length > 0x80) {
            int bytes = length - 0x80;
            if (bytes > 3 || at[0] + bytes > der.length) {
                throw new IllegalArgumentException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = length << 8 | der[at[0]++] & 0xff;
            }
        } else if (length == 0x80) {
            throw new IllegalArgumentException("indefinite DER length");
        }
        if (at[0] + length > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        byte[] contents = new byte[length];
        System.arraycopy(der, at[0], contents, 0, length);
        at[0] += length;
        return new Element(tag, contents);
    }

    static byte[] encode(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return encode(SEQUENCE, concat(elements));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER from its dotted form, e.g. {@code 1.2.840.113549.1.1.1}. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while (arc >> (7 * groups) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) (arc >> (7 * g) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return encode(OID, out.toByteArray());
    }
}
