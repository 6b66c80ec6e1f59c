package org.vemseg.core.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one IFD (classic or BigTIFF): entries sorted by tag as the specification requires, values that
 * do not fit in an entry stored right after the IFD. The size is known before writing, so IFDs can be
 * laid out one after another with correct next-IFD links.
 */
final class IfdWriter {

    private record Entry(int type, long count, byte[] data) {
    }

    private final boolean bigTiff;
    private final ByteOrder order;
    private final Map<Integer, Entry> entries = new TreeMap<>();

    IfdWriter(boolean bigTiff, ByteOrder order) {
        this.bigTiff = bigTiff;
        this.order = order;
    }

    /** Adds a SHORT, LONG or LONG8 tag. */
    IfdWriter add(int tag, int type, long... values) {
        int size = TiffTags.typeSize(type);
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (long v : values) {
            switch (type) {
                case TiffTags.SHORT -> b.putShort((short) v);
                case TiffTags.LONG -> b.putInt((int) v);
                case TiffTags.LONG8 -> b.putLong(v);
                default -> throw new IllegalArgumentException("not an integer field type: " + type);
            }
        }
        entries.put(tag, new Entry(type, values.length, b.array()));
        return this;
    }

    /** Adds offsets or byte counts: LONG in classic TIFF, LONG8 in BigTIFF. */
    IfdWriter addOffsets(int tag, long[] values) {
        return add(tag, bigTiff ? TiffTags.LONG8 : TiffTags.LONG, values);
    }

    IfdWriter addRational(int tag, long numerator, long denominator) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        b.putInt((int) numerator).putInt((int) denominator);
        entries.put(tag, new Entry(TiffTags.RATIONAL, 1, b.array()));
        return this;
    }

    /** Adds an ASCII tag, NUL-terminated; non-ASCII characters are written as UTF-8. */
    IfdWriter addAscii(int tag, String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[s.length + 1];
        System.arraycopy(s, 0, data, 0, s.length);
        entries.put(tag, new Entry(TiffTags.ASCII, data.length, data));
        return this;
    }

    private int inlineBytes() {
        return bigTiff ? 8 : 4;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /** Bytes the IFD and its out-of-line values take, a multiple of 8. */
    long size() {
        long n = (bigTiff ? 8 : 2) + (long) entries.size() * (bigTiff ? 20 : 12) + (bigTiff ? 8 : 4);
        n = align(n);
        for (Entry e : entries.values()) {
            if (e.data.length > inlineBytes()) {
                n += align(e.data.length);
            }
        }
        return n;
    }

    /** Writes the IFD as if it started at file offset {@code at}, linking to {@code next} (0 = last). */
    void writeTo(ByteBuffer out, long at, long next) {
        int base = out.position();
        out.order(order);
        long valuesAt = align((bigTiff ? 8 : 2) + (long) entries.size() * (bigTiff ? 20 : 12) + (bigTiff ? 8 : 4));
        if (bigTiff) {
            out.putLong(entries.size());
        } else {
            out.putShort((short) entries.size());
        }
        long extra = valuesAt;
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            out.putShort((short) (int) me.getKey());
            out.putShort((short) e.type);
            if (bigTiff) {
                out.putLong(e.count);
            } else {
                out.putInt((int) e.count);
            }
            if (e.data.length <= inlineBytes()) {
                out.put(e.data);
                for (int i = e.data.length; i < inlineBytes(); i++) {
                    out.put((byte) 0);
                }
            } else {
                if (bigTiff) {
                    out.putLong(at + extra);
                } else {
                    out.putInt((int) (at + extra));
                }
                int keep = out.position();
                out.position(base + (int) extra);
                out.put(e.data);
                out.position(keep);
                extra += align(e.data.length);
            }
        }
        if (bigTiff) {
            out.putLong(next);
        } else {
            out.putInt((int) next);
        }
        out.position(base + (int) extra);
    }
}
