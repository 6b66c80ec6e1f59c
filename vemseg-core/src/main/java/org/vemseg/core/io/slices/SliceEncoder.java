package org.vemseg.core.io.slices;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;

/**
 * Writes one z slice as a grayscale PNG or TIFF file with javax.imageio. Immutable and thread-safe: each
 * call uses its own ImageIO writer, so slices can be encoded in parallel.
 *
 * <p>What each image type stores, as the JDK's writers handle it (checked by round-trip tests):
 * PNG stores uint8 and uint16 (8- and 16-bit gray). TIFF stores uint8, uint16, int16, int32 (the writer
 * marks 16- and 32-bit signed samples with SampleFormat 2), float32 and float64 (SampleFormat 3). The JDK
 * writer cannot mark 8-bit samples as signed nor 32-bit ones as unsigned, so int8 and uint32 are refused.
 *
 * <p>Compression: PNG is always Deflate ({@link Compression#NONE} = Deflate level 0). TIFF slices are
 * uncompressed by default and accept Deflate, LZW and PackBits.
 */
final class SliceEncoder {

    private static final Set<DataType> PNG_TYPES = EnumSet.of(DataType.UINT8, DataType.UINT16);
    private static final Set<DataType> TIFF_TYPES = EnumSet.of(DataType.UINT8, DataType.UINT16, DataType.INT16,
            DataType.INT32, DataType.FLOAT32, DataType.FLOAT64);

    private final SliceFormat format;
    private final DataType type;
    private final Optional<Compression> compression;

    private SliceEncoder(SliceFormat format, DataType type, Optional<Compression> compression) {
        this.format = format;
        this.type = type;
        this.compression = compression;
    }

    /** Whether slices of {@code format} can store {@code type}. */
    static boolean canStore(SliceFormat format, DataType type) {
        return (format == SliceFormat.PNG ? PNG_TYPES : TIFF_TYPES).contains(type);
    }

    /**
     * An encoder for slices of one type, after checking that the image type can store it and accepts the
     * compression.
     *
     * @param output the output folder, for error messages
     * @throws VemsegException.Unsupported naming the type or compression and what to do instead
     */
    static SliceEncoder of(Path output, SliceFormat format, DataType type, Optional<Compression> compression) {
        if (!canStore(format, type)) {
            String hint = format == SliceFormat.PNG && canStore(SliceFormat.TIFF, type)
                    ? "; use {dtype} uint8 {rescale}, or TIFF slices ({sliceFormat} tif), or a .tif output"
                    : format == SliceFormat.PNG ? "; use {dtype} uint8 {rescale}, or a .tif output"
                            : "; use {dtype} uint8 {rescale}, or another {dtype}";
            throw new VemsegException.Unsupported(output + ": " + format + " slices cannot store " + type
                    + " voxels (" + format + " stores " + storableTypes(format) + ")" + hint);
        }
        if (compression.isPresent()) {
            Compression c = compression.get();
            boolean ok = format == SliceFormat.PNG ? c == Compression.NONE || c == Compression.DEFLATE
                    : c == Compression.NONE || c == Compression.DEFLATE || c == Compression.LZW
                            || c == Compression.PACKBITS;
            if (!ok) {
                throw new VemsegException.Unsupported(output + ": " + format + " slices cannot use " + c
                        + " compression; valid: " + (format == SliceFormat.PNG ? "deflate, none"
                                : "none, deflate, lzw, packbits"));
            }
        }
        return new SliceEncoder(format, type, compression);
    }

    private static String storableTypes(SliceFormat format) {
        return (format == SliceFormat.PNG ? PNG_TYPES : TIFF_TYPES).stream().map(DataType::toString)
                .collect(Collectors.joining(", "));
    }

    SliceFormat format() {
        return format;
    }

    /**
     * Writes a one-slice block to {@code file}, replacing it if present.
     *
     * @throws VemsegException.IO naming the file if it cannot be written
     */
    void write(Block slice, Path file) {
        if (slice.type() != type || slice.box().depth() != 1) {
            throw new IllegalArgumentException("expected one " + type + " slice but got " + slice);
        }
        BufferedImage image = grayImage(slice);
        ImageWriter writer = ImagePlugins.writer(format);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                ImageOutputStream out = new MemoryCacheImageOutputStream(os)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param(writer));
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write slice", e);
        } finally {
            writer.dispose();
        }
    }

    private ImageWriteParam param(ImageWriter writer) {
        ImageWriteParam p = writer.getDefaultWriteParam();
        if (compression.isEmpty() || !p.canWriteCompressed()) {
            if (format == SliceFormat.TIFF && p.canWriteCompressed()) {
                p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
            }
            return p;
        }
        Compression c = compression.get();
        if (format == SliceFormat.PNG) {
            if (c == Compression.NONE) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(1.0f); // JDK PNG writer: quality 1 = Deflate level 0, fastest
            }
            return p;
        }
        if (c == Compression.NONE) {
            p.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        } else {
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(switch (c) {
                case DEFLATE -> "Deflate";
                case LZW -> "LZW";
                case PACKBITS -> "PackBits";
                default -> throw new IllegalStateException("checked in of(): " + c);
            });
        }
        return p;
    }

    /** A one-band gray image over the slice's own array (no copy). */
    private static BufferedImage grayImage(Block slice) {
        int w = (int) slice.box().width();
        int h = (int) slice.box().height();
        int n = w * h;
        DataBuffer db = switch (slice.type()) {
            case UINT8, INT8 -> new DataBufferByte(slice.bytes(), n);
            case UINT16 -> new DataBufferUShort(slice.shorts(), n);
            case INT16 -> new DataBufferShort(slice.shorts(), n);
            case UINT32, INT32 -> new DataBufferInt(slice.ints(), n);
            case FLOAT32 -> new DataBufferFloat(slice.floats(), n);
            case FLOAT64 -> new DataBufferDouble(slice.doubles(), n);
        };
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, db.getDataType());
        WritableRaster raster = Raster.createWritableRaster(
                new PixelInterleavedSampleModel(db.getDataType(), w, h, 1, w, new int[] {0}), db, null);
        return new BufferedImage(cm, raster, false, null);
    }
}
