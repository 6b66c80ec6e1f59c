package org.vemseg.core.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One image file directory (IFD) of a TIFF being read: its entries kept as raw bytes, values decoded on
 * request (inline or from the file), with errors naming the file and the page.
 */
final class Ifd {

    /** Bounds against nonsense in damaged files. */
    private static final long MAX_ENTRIES = 4096;

    private final Path path;
    private final FileWindow file;
    private final boolean bigTiff;
    private final ByteOrder order;
    private final ByteBuffer entries;
    private final int count;
    private final long next;
    private final String where;

    private Ifd(Path path, FileWindow file, boolean bigTiff, ByteOrder order, ByteBuffer entries, int count, long next,
            String where) {
        this.path = path;
        this.file = file;
        this.bigTiff = bigTiff;
        this.order = order;
        this.entries = entries;
        this.count = count;
        this.next = next;
        this.where = where;
    }

    /** Reads the IFD at {@code offset} (page {@code z}, for messages) of a classic or BigTIFF file. */
    static Ifd read(Path path, FileWindow file, boolean bigTiff, ByteOrder order, long offset, int z) {
        String where = "IFD of page " + z;
        int countSize = bigTiff ? 8 : 2;
        ByteBuffer b = file.at(offset, countSize, where);
        long count = bigTiff ? b.getLong() : b.getShort() & 0xFFFF;
        if (count <= 0 || count > MAX_ENTRIES) {
            throw TiffFormat.corrupt(path, where + " at offset " + offset + " has " + count + " entries");
        }
        int entrySize = bigTiff ? 20 : 12;
        int total = (int) count * entrySize + (bigTiff ? 8 : 4);
        ByteBuffer src = file.at(offset + countSize, total, where);
        ByteBuffer copy = ByteBuffer.allocate(total).order(order);
        copy.put(0, src, src.position(), total);
        long next = bigTiff ? copy.getLong(total - 8) : copy.getInt(total - 4) & 0xFFFFFFFFL;
        return new Ifd(path, file, bigTiff, order, copy, (int) count, next, where);
    }

    /** The offset of the next IFD, 0 after the last. */
    long next() {
        return next;
    }

    private int entrySize() {
        return bigTiff ? 20 : 12;
    }

    /** Byte position of the entry with this tag, or -1. Entries are sorted, but tolerate any order. */
    private int find(int tag) {
        for (int i = 0; i < count; i++) {
            int at = i * entrySize();
            if ((entries.getShort(at) & 0xFFFF) == tag) {
                return at;
            }
        }
        return -1;
    }

    boolean has(int tag) {
        return find(tag) >= 0;
    }

    private int type(int at) {
        return entries.getShort(at + 2) & 0xFFFF;
    }

    private long valueCount(int at) {
        return bigTiff ? entries.getLong(at + 4) : entries.getInt(at + 4) & 0xFFFFFFFFL;
    }

    /** The buffer and position holding the values of the entry at {@code at}. */
    private ByteBuffer values(int at, String name) {
        int type = type(at);
        long bytes = valueCount(at) * TiffTags.typeSize(type);
        int inline = bigTiff ? 8 : 4;
        int field = at + (bigTiff ? 12 : 8);
        if (bytes <= inline) {
            return entries.duplicate().order(order).position(field);
        }
        long offset = bigTiff ? entries.getLong(field) : entries.getInt(field) & 0xFFFFFFFFL;
        return file.at(offset, bytes, name + " of " + where);
    }

    long number(int tag, long fallback) {
        int at = find(tag);
        if (at < 0 || valueCount(at) == 0) {
            return fallback;
        }
        return read(values(at, "tag " + tag), type(at));
    }

    long requiredNumber(int tag, String name) {
        if (!has(tag)) {
            throw TiffFormat.corrupt(path, where + " lacks the required tag " + name);
        }
        return number(tag, 0);
    }

    long[] numbers(int tag, String name) {
        int at = find(tag);
        if (at < 0) {
            throw TiffFormat.corrupt(path, where + " lacks the required tag " + name);
        }
        long n = valueCount(at);
        if (n > Integer.MAX_VALUE - 8) {
            throw TiffFormat.corrupt(path, where + " has " + n + " values in " + name);
        }
        int type = type(at);
        ByteBuffer b = values(at, name);
        long[] out = new long[(int) n];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(b, type);
        }
        return out;
    }

    private long read(ByteBuffer b, int type) {
        return switch (type) {
            case TiffTags.BYTE, TiffTags.UNDEFINED -> b.get() & 0xFF;
            case TiffTags.SBYTE -> b.get();
            case TiffTags.SHORT -> b.getShort() & 0xFFFF;
            case TiffTags.SSHORT -> b.getShort();
            case TiffTags.LONG, TiffTags.IFD -> b.getInt() & 0xFFFFFFFFL;
            case TiffTags.SLONG -> b.getInt();
            case TiffTags.LONG8, TiffTags.SLONG8, TiffTags.IFD8 -> b.getLong();
            default -> throw TiffFormat.corrupt(path, where + " stores an integer tag as field type " + type);
        };
    }

    /** The first value of a RATIONAL tag, or 0 if absent or malformed. */
    double rational(int tag) {
        int at = find(tag);
        if (at < 0 || valueCount(at) == 0) {
            return 0;
        }
        int type = type(at);
        ByteBuffer b = values(at, "tag " + tag);
        return switch (type) {
            case TiffTags.RATIONAL -> {
                long num = b.getInt() & 0xFFFFFFFFL;
                long den = b.getInt() & 0xFFFFFFFFL;
                yield den == 0 ? 0 : (double) num / den;
            }
            case TiffTags.SRATIONAL -> {
                int num = b.getInt();
                int den = b.getInt();
                yield den == 0 ? 0 : (double) num / den;
            }
            case TiffTags.FLOAT -> b.getFloat();
            case TiffTags.DOUBLE -> b.getDouble();
            default -> 0;
        };
    }

    /** An ASCII tag as text (UTF-8 where valid, else Latin-1), without the trailing NULs. */
    Optional<String> text(int tag) {
        int at = find(tag);
        if (at < 0 || (type(at) != TiffTags.ASCII && type(at) != TiffTags.BYTE && type(at) != TiffTags.UNDEFINED)) {
            return Optional.empty();
        }
        long n = valueCount(at);
        if (n > 16 << 20) {
            return Optional.empty();
        }
        ByteBuffer b = values(at, "ImageDescription");
        byte[] bytes = new byte[(int) n];
        b.get(bytes);
        int len = bytes.length;
        while (len > 0 && bytes[len - 1] == 0) {
            len--;
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, 0, len);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(data).toString());
        } catch (CharacterCodingException e) {
            return Optional.of(new String(bytes, 0, len, StandardCharsets.ISO_8859_1));
        }
    }
}
