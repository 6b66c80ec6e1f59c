package org.vemseg.nn.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.PermutedVolumeReader;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VolumeInfo;

/**
 * The last step of an {@link OrthoplanePrediction}: reads the planes' float32 probabilities back block by block in
 * the volume's axis order and writes their mean as the requested output type, encoded as a single prediction
 * encodes it: prob8 {@code round(255 p)} of the clamped mean, prob32 the mean, mask 1 where the mean is at least the
 * threshold. The spread, when asked for, is the standard deviation over all planes' variants and models, combined
 * from each plane's mean and spread ({@code E[p^2] = s^2 + m^2}), written as uint8 {@code round(255 s)} or float32.
 *
 * <p>The output is resumable OME-Zarr: blocks written by an interrupted run are skipped. Memory: a few float copies
 * of one output chunk.
 */
final class PlaneAverage implements AutoCloseable {

    /** What the average wrote. */
    record Written(VolumeInfo info, long blocks, long skippedBlocks, long skippedVoxels) {
    }

    private final List<VolumeReader> opened = new ArrayList<>();
    private final List<VolumeReader> probabilities = new ArrayList<>();
    private final List<VolumeReader> spreads = new ArrayList<>();
    /** Mask threshold, resolved once (it may read the models' manifests). */
    private float threshold;

    private PlaneAverage() {
    }

    /** Averages the planes of {@code r} kept in {@code scratch} into {@code r}'s output(s), committed. */
    static Written write(PredictionRequest r, VolumeInfo in, List<Plane> planes, Path scratch, Progress progress) {
        try (PlaneAverage average = new PlaneAverage()) {
            average.threshold = (float) MaskThreshold.resolve(r.threshold(), r.models(), r.outputClass()).value();
            for (Plane p : planes) {
                average.probabilities.add(average.unpermuted(OrthoplanePrediction.planeRequest(r, p, scratch)
                        .output(), p));
                if (r.uncertainty().isPresent()) {
                    average.spreads.add(average.unpermuted(VolumeLocation.of(OrthoplanePrediction.spreadPath(scratch,
                            p)), p));
                }
            }
            return average.write(r, in, progress);
        }
    }

    private VolumeReader unpermuted(VolumeLocation plane, Plane p) {
        VolumeReader reader = Volumes.open(plane);
        opened.add(reader);
        return new PermutedVolumeReader(reader, p.inverseAxes());
    }

    private Written write(PredictionRequest r, VolumeInfo in, Progress progress) {
        int[] shape = {(int) Math.min(in.depth(), Integer.MAX_VALUE), (int) Math.min(in.height(), Integer.MAX_VALUE),
            (int) Math.min(in.width(), Integer.MAX_VALUE)};
        int[] chunk = r.chunk().orElse(PredictionOutputs.PREFERRED_CHUNK);
        for (int d = 0; d < 3; d++) {
            chunk[d] = Math.min(chunk[d], shape[d]);
        }
        VolumeInfo info = new VolumeInfo(in.depth(), in.height(), in.width(), r.outputType().dataType(),
                in.voxelSize(), chunk);
        WriteOptions options = WriteOptions.defaults().withOverwrite(r.overwrite()).withChunk(chunk)
                .withLabels(r.outputType() == OutputType.MASK);
        DataType spreadType = r.outputType() == OutputType.PROB32 ? DataType.FLOAT32 : DataType.UINT8;
        try (ResumableWriter out = Volumes.createResumable(r.output(), info, options, r.resume());
                ResumableWriter spread = r.uncertainty().map(u -> Volumes.createResumable(u,
                        info.withDataType(spreadType), options.withLabels(false), r.resume())).orElse(null)) {
            List<Box> grid = BlockGrid.of(out.info());
            long skipped = 0;
            long skippedVoxels = 0;
            progress.start("average", grid.size(), "blocks");
            try {
                for (Box b : grid) {
                    if (out.isWritten(b) && (spread == null || spread.isWritten(b))) {
                        skipped++;
                        skippedVoxels += b.voxels();
                    } else {
                        writeBlock(r, b, out, Optional.ofNullable(spread));
                    }
                    progress.advance(1);
                }
            } finally {
                progress.finish();
            }
            out.commit();
            if (spread != null) {
                spread.commit();
            }
            return new Written(out.info(), grid.size(), skipped, skippedVoxels);
        }
    }

    private void writeBlock(PredictionRequest r, Box b, ResumableWriter out, Optional<ResumableWriter> spread) {
        int n = (int) b.voxels();
        float[] sum = new float[n];
        float[] sumSquares = spread.isPresent() ? new float[n] : null;
        for (int k = 0; k < probabilities.size(); k++) {
            float[] p = probabilities.get(k).read(b).floats();
            for (int i = 0; i < n; i++) {
                sum[i] += p[i];
            }
            if (sumSquares != null) {
                float[] s = spreads.get(k).read(b).floats();
                for (int i = 0; i < n; i++) {
                    sumSquares[i] += s[i] * s[i] + p[i] * p[i];
                }
            }
        }
        int planes = probabilities.size();
        Block o = Block.allocate(b, r.outputType().dataType());
        for (int i = 0; i < n; i++) {
            float mean = sum[i] / planes;
            switch (r.outputType()) {
                case PROB8 -> o.bytes()[i] = (byte) OutputType.prob8(mean);
                case PROB32 -> o.floats()[i] = mean;
                case MASK -> o.bytes()[i] = (byte) (mean >= threshold ? 1 : 0);
            }
        }
        out.write(o);
        if (spread.isPresent()) {
            Block s = Block.allocate(b, spread.get().info().dataType());
            for (int i = 0; i < n; i++) {
                float mean = sum[i] / planes;
                float sd = (float) Math.sqrt(Math.max(0f, sumSquares[i] / planes - mean * mean));
                if (s.type() == DataType.UINT8) {
                    s.bytes()[i] = (byte) OutputType.prob8(sd);
                } else {
                    s.floats()[i] = sd;
                }
            }
            spread.get().write(s);
        }
    }

    @Override
    public void close() {
        for (VolumeReader reader : opened) {
            reader.close();
        }
    }
}
