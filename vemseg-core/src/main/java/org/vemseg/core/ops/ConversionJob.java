package org.vemseg.core.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.ResumeGuard;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.WriteOptions;

/**
 * The settings that determine a conversion's output files, {@code key=value} one per line, for {@link ResumeGuard}:
 * the input (path, shape, content and files), the crop, the type and rescaling, the voxel size, and how the output
 * is written (format, compression, chunk, pyramid). Not the threads or the memory: they change how the work is
 * split, never a byte of the output.
 */
final class ConversionJob {

    private ConversionJob() {
    }

    static String describe(ConversionRequest r, VolumeReader reader, VolumeConverter.Target t, Format format) {
        WriteOptions o = r.options();
        return ResumeGuard.describeInput(r.input(), reader)
                + "crop=" + t.region() + '\n'
                + "dtype=" + t.info().dataType() + '\n'
                + "rescale=" + t.map().map(m -> String.format(Locale.ROOT, "%s..%s to %s..%s", m.inMin(), m.inMax(),
                        m.outMin(), m.outMax())).orElse("none") + '\n'
                + "voxel-size=" + t.info().voxelSize().map(String::valueOf).orElse("none") + '\n'
                + "format=" + format + '\n'
                + "compression=" + o.compression().map(String::valueOf).orElse("default") + '\n'
                + "chunk=" + o.chunk().map(c -> Arrays.stream(c).mapToObj(String::valueOf)
                        .collect(Collectors.joining(","))).orElse("default") + '\n'
                + "levels=" + (o.scaleLevels() == 0 ? "auto" : Integer.toString(o.scaleLevels())) + '\n'
                + "labels=" + o.labels() + '\n';
    }
}
