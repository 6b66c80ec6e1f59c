package org.vemseg.core.io.slices;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.volume.DataType;

/**
 * Reads one PNG or TIFF slice with javax.imageio: its header only ({@link #probe}), or the pixels of a
 * rectangle ({@link #decode}). Stateless and thread-safe; each call uses its own ImageIO reader.
 *
 * <p>What a slice's samples mean:
 * <ul>
 *   <li>grayscale, 1 to 16 bits: the stored values (1-, 2- and 4-bit values are not scaled up), as uint8
 *       or uint16; TIFF slices may also hold signed or 32-bit integers and float32/float64 samples;</li>
 *   <li>palette (indexed colour): the palette <em>index</em> of each pixel, not its colour, because label
 *       masks are commonly stored this way (index 1 = object, whatever colour the palette shows);</li>
 *   <li>RGB(A): read as gray only if red, green and blue are equal in every pixel; otherwise refused with
 *       an {@link VemsegException.Unsupported} error naming the file. Converting colour to luminance
 *       silently would turn a colour-coded label image into meaningless numbers;</li>
 *   <li>an alpha channel is ignored.</li>
 * </ul>
 * Only the first image of a multi-page TIFF slice is read.
 */
final class SliceDecoder {

    /** TIFF SampleFormat values (TIFF 6.0, tag 339). */
    private static final int SIGNED = BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER;

    private SliceDecoder() {
    }

    /**
     * Reads a slice's size and type from its header, without decoding pixels.
     *
     * @throws VemsegException.Corrupt naming the file if the header cannot be read
     */
    static SliceHeader probe(Path file, SliceFormat format) {
        ImageReader reader = ImagePlugins.reader(format);
        try (ImageInputStream in = openInput(file)) {
            reader.setInput(in, false, format == SliceFormat.PNG);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                type = reader.getImageTypes(0).next();
            }
            DataType dataType = dataType(file, type.getSampleModel(), type.getColorModel() instanceof IndexColorModel,
                    sampleFormat(reader, format));
            return new SliceHeader(width, height, dataType);
        } catch (IOException | RuntimeException e) {
            throw failure(file, format, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes the pixels of {@code region} of a slice into a new array of {@code expected}'s voxel storage
     * ({@code byte[]} for uint8, {@code short[]} for uint16, ...), rows of {@code region.width}.
     *
     * @throws VemsegException.Corrupt naming the file if the image data is truncated or broken
     * @throws VemsegException.InvalidInput if the file's size or type no longer matches {@code expected}
     * @throws VemsegException.Unsupported if the slice holds colour
     */
    static Object decode(Path file, SliceFormat format, SliceHeader expected, Rectangle region) {
        ImageReader reader = ImagePlugins.reader(format);
        BufferedImage image;
        DataType type;
        try (ImageInputStream in = openInput(file)) {
            reader.setInput(in, false, format == SliceFormat.PNG);
            if (reader.getWidth(0) != expected.width() || reader.getHeight(0) != expected.height()) {
                throw changed(file, expected, reader.getHeight(0) + " x " + reader.getWidth(0));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            if (region.x != 0 || region.y != 0 || region.width != expected.width()
                    || region.height != expected.height()) {
                param.setSourceRegion(region);
            }
            int sampleFormat = sampleFormat(reader, format);
            image = reader.read(0, param);
            type = dataType(file, image.getSampleModel(), image.getColorModel() instanceof IndexColorModel,
                    sampleFormat);
        } catch (IOException | RuntimeException e) {
            throw failure(file, format, e);
        } finally {
            reader.dispose();
        }
        if (type != expected.dataType()) {
            throw changed(file, expected, expected.height() + " x " + expected.width() + " " + type);
        }
        return samples(file, image, type);
    }

    /** The voxel type a raster's samples map to. */
    private static DataType dataType(Path file, SampleModel sm, boolean indexed, int sampleFormat) {
        int bits = sm.getSampleSize(0);
        return switch (sm.getDataType()) {
            case DataBuffer.TYPE_FLOAT -> DataType.FLOAT32;
            case DataBuffer.TYPE_DOUBLE -> DataType.FLOAT64;
            case DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_SHORT, DataBuffer.TYPE_INT -> {
                boolean signed = !indexed && (sampleFormat == SIGNED || sm.getDataType() == DataBuffer.TYPE_SHORT);
                int storedBits = bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : -1;
                if (storedBits < 0) {
                    throw new VemsegException.Unsupported(file + ": " + bits + "-bit samples are not supported");
                }
                yield DataType.integer(storedBits, signed);
            }
            default -> throw new VemsegException.Unsupported(file + ": unsupported sample layout (ImageIO data type "
                    + sm.getDataType() + ")");
        };
    }

    /** TIFF SampleFormat of the first image (1 = unsigned, the default; PNG is always unsigned). */
    private static int sampleFormat(ImageReader reader, SliceFormat format) throws IOException {
        if (format != SliceFormat.TIFF) {
            return BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER;
        }
        IIOMetadata meta = reader.getImageMetadata(0);
        if (meta != null) {
            try {
                TIFFField f = TIFFDirectory.createFromMetadata(meta).getTIFFField(BaselineTIFFTagSet.TAG_SAMPLE_FORMAT);
                if (f != null) {
                    return f.getAsInt(0);
                }
            } catch (javax.imageio.metadata.IIOInvalidTreeException | IllegalArgumentException e) {
                // metadata of a non-JDK plugin: fall back to the raster's own data type
            }
        }
        return BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER;
    }

    /**
     * The samples of band 0 as a flat array of {@code type}'s storage. A plain single-band image hands
     * over its own array (no copy); anything else (packed bits, several bands) is copied sample by sample.
     */
    private static Object samples(Path file, BufferedImage image, DataType type) {
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int n = w * h;
        boolean colour = raster.getNumBands() >= 3 && !(image.getColorModel() instanceof IndexColorModel);
        if (colour) {
            requireGray(file, raster);
        }
        Object direct = directArray(raster, type);
        if (direct != null) {
            return direct;
        }
        return switch (type) {
            case FLOAT32 -> raster.getSamples(0, 0, w, h, 0, new float[n]);
            case FLOAT64 -> raster.getSamples(0, 0, w, h, 0, new double[n]);
            default -> narrow(raster.getSamples(0, 0, w, h, 0, new int[n]), type);
        };
    }

    /** The raster's own array if it is exactly one band, row after row, with no padding; else null. */
    private static Object directArray(Raster raster, DataType type) {
        DataBuffer db = raster.getDataBuffer();
        int n = raster.getWidth() * raster.getHeight();
        if (raster.getNumBands() != 1 || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || sm.getPixelStride() != 1 || sm.getScanlineStride() != raster.getWidth()
                || sm.getBandOffsets()[0] != 0 || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0 || db.getNumBanks() != 1 || db.getOffset() != 0
                || db.getSize() != n) {
            return null;
        }
        Object data = switch (db.getDataType()) {
            case DataBuffer.TYPE_BYTE -> ((DataBufferByte) db).getData();
            case DataBuffer.TYPE_USHORT -> ((DataBufferUShort) db).getData();
            case DataBuffer.TYPE_SHORT -> ((DataBufferShort) db).getData();
            case DataBuffer.TYPE_INT -> ((DataBufferInt) db).getData();
            case DataBuffer.TYPE_FLOAT -> ((DataBufferFloat) db).getData();
            case DataBuffer.TYPE_DOUBLE -> ((DataBufferDouble) db).getData();
            default -> null;
        };
        boolean fits = switch (type) {
            case UINT8, INT8 -> data instanceof byte[];
            case UINT16, INT16 -> data instanceof short[];
            case UINT32, INT32 -> data instanceof int[];
            case FLOAT32 -> data instanceof float[];
            case FLOAT64 -> data instanceof double[];
        };
        return fits && java.lang.reflect.Array.getLength(data) == n ? data : null;
    }

    /** Integer samples (as ImageIO returns them) stored in the width of {@code type}; the bits are kept. */
    private static Object narrow(int[] v, DataType type) {
        switch (type.bytes()) {
            case 1 -> {
                byte[] b = new byte[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = (byte) v[i];
                }
                return b;
            }
            case 2 -> {
                short[] s = new short[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = (short) v[i];
                }
                return s;
            }
            default -> {
                return v;
            }
        }
    }

    /** Refuses a colour slice unless red, green and blue are equal everywhere (a gray image saved as RGB). */
    private static void requireGray(Path file, Raster raster) {
        int w = raster.getWidth();
        int[] r = new int[w];
        int[] g = new int[w];
        int[] b = new int[w];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, r);
            raster.getSamples(0, y, w, 1, 1, g);
            raster.getSamples(0, y, w, 1, 2, b);
            if (!Arrays.equals(r, g) || !Arrays.equals(r, b)) {
                throw new VemsegException.Unsupported(file + ": colour (RGB) slice; vemseg reads grayscale or "
                        + "palette (indexed) slices, convert it to grayscale first");
            }
        }
    }

    private static ImageInputStream openInput(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        return new FileImageInputStream(file.toFile());
    }

    private static VemsegException changed(Path file, SliceHeader expected, String now) {
        return new VemsegException.InvalidInput(file + ": slice is now " + now + " but was " + expected
                + " when the volume was opened; was the folder changed while reading?");
    }

    /** Maps a failure to a one-line error naming the file: missing or unreadable, or corrupt. */
    static VemsegException failure(Path file, SliceFormat format, Exception e) {
        if (e instanceof VemsegException v) {
            return v;
        }
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
            return VemsegException.IO.of(file, "read slice", e);
        }
        if (e instanceof FileNotFoundException) {
            return new VemsegException.IO(file + ": cannot read slice: " + e.getMessage(), e);
        }
        return new VemsegException.Corrupt(file + ": corrupt or truncated " + format + " slice: " + describe(e), e);
    }

    /** The messages of an exception and its causes, on one line. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString().replaceAll("\\s+", " ").trim();
    }
}
