package org.vemseg.core.io.zarr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.vemseg.core.VemsegException;

/** zlib and gzip streams (numcodecs {@code zlib} and {@code gzip}) with the JDK's Deflater/Inflater. */
final class ZlibCodec {

    private ZlibCodec() {
    }

    static byte[] deflate(byte[] src, int off, int len, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(src, off, len);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len / 2));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Inflates a zlib stream that must produce exactly {@code expected} bytes. */
    static byte[] inflate(byte[] src, int expected) {
        byte[] out = new byte[expected];
        inflateInto(src, 0, src.length, out, 0, expected);
        return out;
    }

    /**
     * Inflates the zlib stream at {@code src[off, off + len)} into exactly {@code expected} bytes at
     * {@code out[outOff]}; returns {@code expected}.
     */
    static int inflateInto(byte[] src, int off, int len, byte[] out, int outOff, int expected) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(src, off, len);
            int n = 0;
            while (n < expected && !inf.finished()) {
                int got = inf.inflate(out, outOff + n, expected - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != expected || !inf.finished()) {
                throw new VemsegException.Corrupt("zlib: stream holds "
                        + (inf.finished() ? n + " bytes" : "truncated data") + ", expected " + expected + " bytes");
            }
            return n;
        } catch (DataFormatException e) {
            throw new VemsegException.Corrupt("zlib: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    static byte[] gzip(byte[] src, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, src.length / 2));
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(src);
        } catch (IOException e) {
            throw new IllegalStateException("gzip to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static byte[] gunzip(byte[] src, int expected) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(src))) {
            byte[] out = in.readNBytes(expected);
            if (out.length != expected || in.read() != -1) {
                throw new VemsegException.Corrupt("gzip: stream does not hold " + expected + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new VemsegException.Corrupt("gzip: " + e.getMessage(), e);
        }
    }
}
