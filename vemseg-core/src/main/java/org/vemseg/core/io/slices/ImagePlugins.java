package org.vemseg.core.io.slices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.SliceFormat;

/**
 * The javax.imageio PNG and TIFF plugins used for slices. The JDK's own plugins are preferred over any
 * others on the class path (a third-party TIFF plugin may register first), so slices decode the same
 * way in every build. Each call returns a fresh reader or writer: ImageIO readers are not thread-safe,
 * and creating one from its provider costs nothing next to decoding a slice.
 */
final class ImagePlugins {

    private static final ImageReaderSpi PNG_READER = readerSpi("png");
    private static final ImageReaderSpi TIFF_READER = readerSpi("tiff");
    private static final ImageWriterSpi PNG_WRITER = writerSpi("png");
    private static final ImageWriterSpi TIFF_WRITER = writerSpi("tiff");

    private ImagePlugins() {
    }

    /** A new reader for one file; the caller disposes it. */
    static ImageReader reader(SliceFormat format) {
        ImageReaderSpi spi = format == SliceFormat.PNG ? PNG_READER : TIFF_READER;
        try {
            return spi.createReaderInstance();
        } catch (java.io.IOException e) {
            throw new VemsegException.Unsupported("no " + format + " image reader: " + e.getMessage());
        }
    }

    /** A new writer for one file; the caller disposes it. */
    static ImageWriter writer(SliceFormat format) {
        ImageWriterSpi spi = format == SliceFormat.PNG ? PNG_WRITER : TIFF_WRITER;
        try {
            return spi.createWriterInstance();
        } catch (java.io.IOException e) {
            throw new VemsegException.Unsupported("no " + format + " image writer: " + e.getMessage());
        }
    }

    private static ImageReaderSpi readerSpi(String formatName) {
        List<ImageReaderSpi> found = new ArrayList<>();
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName); it.hasNext();) {
            ImageReader r = it.next();
            found.add(r.getOriginatingProvider());
            r.dispose();
        }
        return preferJdk(found, formatName);
    }

    private static ImageWriterSpi writerSpi(String formatName) {
        List<ImageWriterSpi> found = new ArrayList<>();
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(formatName); it.hasNext();) {
            ImageWriter w = it.next();
            found.add(w.getOriginatingProvider());
            w.dispose();
        }
        return preferJdk(found, formatName);
    }

    private static <T> T preferJdk(List<T> providers, String formatName) {
        if (providers.isEmpty()) {
            throw new IllegalStateException("this Java runtime has no ImageIO " + formatName
                    + " plugin (Java 17+ has one)");
        }
        return providers.stream().filter(p -> p.getClass().getName().startsWith("com.sun.imageio.")).findFirst()
                .orElse(providers.get(0));
    }
}
