package org.vemseg.core.ops;

import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Converts any readable volume into any writable format, optionally cropped, retyped and rescaled.
 * All checks (input readable, crop inside, output writable and not existing) happen before any voxel is
 * written; the output appears only when complete.
 */
public final class VolumeConverter {

    private VolumeConverter() {
    }

    public static ConversionResult run(ConversionRequest request, Progress progress) {
        long t0 = System.nanoTime();
        if (request.input().path().toAbsolutePath().normalize()
                .equals(request.output().path().toAbsolutePath().normalize())) {
            throw new VemsegException.InvalidInput(request.output().path() + ": output is the same as the input");
        }
        Format outFormat = Format.forWriting(request.output());
        try (VolumeReader reader = Volumes.open(request.input())) {
            VolumeInfo in = reader.info();
            Box region = request.crop().map(c -> Box.parseCrop(c, in.bounds())).orElse(in.bounds());
            DataType type = request.dataType().orElse(in.dataType());
            Optional<IntensityMap> map = Optional.empty();
            if (request.rescale()) {
                map = Optional.of(rescaleMap(reader, type, progress));
            }
            VolumeInfo outInfo = VolumeCopy.outputInfo(in, region, type);
            if (request.voxelSize().isPresent()) {
                outInfo = outInfo.withVoxelSize(request.voxelSize());
            }
            VolumeCopy.Builder copy = VolumeCopy.from(reader).optRegion(region).optThreads(request.threads());
            map.ifPresent(copy::optIntensityMap);
            try (VolumeWriter writer = outFormat.format().create(request.output(), outInfo, request.options())) {
                copy.build().into(writer, progress);
                writer.commit();
                outInfo = writer.info();
            }
            return new ConversionResult(outInfo, outFormat, (System.nanoTime() - t0) / 1e9, map);
        }
    }

    /** Maps the input's (sampled) value range onto the target type's range, or 0..1 for float targets. */
    private static IntensityMap rescaleMap(VolumeReader reader, DataType target, Progress progress) {
        VolumeStatistics s = VolumeStatistics.of(reader, progress);
        double lo = target.isFloating() ? 0 : target.minValue();
        double hi = target.isFloating() ? 1 : target.maxValue();
        return new IntensityMap(s.min(), s.max(), lo, hi);
    }
}
