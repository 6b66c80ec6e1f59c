package org.vemseg.nn.bmz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a PyTorch state dict in {@code torch.save}'s zip format without Python, readable by
 * {@code torch.load(f, weights_only=True)} (PyTorch 1.6 and later).
 *
 * <p>Layout, as {@code torch.save} writes it: {@code archive/data.pkl} is a protocol-2 pickle of an
 * {@code OrderedDict} mapping each key to {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False,
 * OrderedDict())}, where each storage is a persistent id {@code ('storage', torch.FloatStorage, 'N', 'cpu', numel)}
 * whose bytes are the entry {@code archive/data/N}, raw little-endian values; {@code archive/version} is "3".
 * Entries are stored uncompressed and, like torch's, their data starts on a 64-byte boundary (an 'FB' padding
 * extra field), so readers may map them in place. Only the pickle opcodes the weights-only unpickler accepts
 * are used.
 */
public final class TorchCheckpoint {

    private static final String ARCHIVE = "archive/";
    private static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER = 30;
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private TorchCheckpoint() {
    }

    /** The checkpoint of {@code tensors}, in order, as the bytes of a zip file. */
    public static byte[] write(List<TorchTensor> tensors) {
        CountingStream bytes = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, bytes, ARCHIVE + "data.pkl", pickle(tensors));
            for (int i = 0; i < tensors.size(); i++) {
                stored(zip, bytes, ARCHIVE + "data/" + i, storage(tensors.get(i)));
            }
            stored(zip, bytes, ARCHIVE + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a checkpoint in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, CountingStream count, String name, byte[] data)
            throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        // a fixed time in the DOS range: a reproducible file, and no extended-timestamp extra field
        e.setTimeLocal(FIXED_TIME);
        // putNextEntry writes the local header at once: header, name, extra, then the data at an aligned offset
        long start = count.count() + LOCAL_HEADER + name.getBytes(StandardCharsets.UTF_8).length;
        int pad = (int) ((ALIGNMENT - (start + 4) % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >> 8);
        e.setExtra(extra);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] storage(TorchTensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.numel() * (t.isFloat() ? Float.BYTES : Long.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (t.isFloat()) {
            b.asFloatBuffer().put(t.floats());
        } else {
            b.asLongBuffer().put(t.longs());
        }
        return b.array();
    }

    /** The protocol-2 pickle of the ordered dict (see the class comment). */
    static byte[] pickle(List<TorchTensor> tensors) {
        Pickler p = new Pickler();
        p.proto2();
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.mark();
        for (int i = 0; i < tensors.size(); i++) {
            TorchTensor t = tensors.get(i);
            p.string(t.name());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            p.mark();
            p.string("storage");
            p.global("torch", t.isFloat() ? "FloatStorage" : "LongStorage");
            p.string(Integer.toString(i));
            p.string("cpu");
            p.integer(t.numel());
            p.tuple();
            p.persistentId();
            p.integer(0);
            long[] shape = t.shape();
            p.ints(shape);
            p.ints(strides(shape));
            p.bool(false);
            p.global("collections", "OrderedDict");
            p.emptyTuple();
            p.reduce();
            p.tuple();
            p.reduce();
        }
        p.setItems();
        p.stop();
        return p.bytes();
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = step;
            step *= shape[d];
        }
        return s;
    }

    /** The few pickle opcodes needed here. */
    private static final class Pickler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto2() {
            out.write(0x80);
            out.write(2);
        }

        void global(String module, String name) {
            out.write('c');
            ascii(module + "\n" + name + "\n");
        }

        void emptyTuple() {
            out.write(')');
        }

        void mark() {
            out.write('(');
        }

        void tuple() {
            out.write('t');
        }

        void reduce() {
            out.write('R');
        }

        void persistentId() {
            out.write('Q');
        }

        void setItems() {
            out.write('u');
        }

        void stop() {
            out.write('.');
        }

        void bool(boolean b) {
            out.write(b ? 0x88 : 0x89);
        }

        /** BININT (4-byte signed) or LONG1 beyond its range. */
        void integer(long v) {
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write('J');
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
            } else {
                out.write(0x8a);
                out.write(8);
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            }
        }

        void ints(long[] values) {
            if (values.length == 0) {
                emptyTuple();
                return;
            }
            mark();
            for (long v : values) {
                integer(v);
            }
            tuple();
        }

        /** BINUNICODE: 4-byte length and UTF-8. */
        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        }

        private void ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A byte sink that knows how much was written, to place the 64-byte-aligned entries. */
    private static final class CountingStream extends OutputStream {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        long count() {
            return out.size();
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
