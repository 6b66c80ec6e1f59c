package org.vemseg.nn.predict;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.volume.Plane;
import org.vemseg.nn.model.ComputeDevice;

/**
 * Everything {@code vemseg predict} needs. Build with {@link #builder(List, VolumeLocation, VolumeLocation)};
 * the defaults are those of the command line.
 *
 * @param models      one or more {@code .vsm} bundles, averaged as an ensemble
 * @param input       volume to predict
 * @param output      probability or mask volume to write (same shape as the input)
 * @param uncertainty optional per-voxel spread across variants and models
 * @param tta         test-time variants: 1, 2, 4, 8 or 16
 * @param tile        tile edge in pixels, or 0 for the models' preferred tile
 * @param overlap     minimum overlap of neighbouring tiles' valid regions, blended
 * @param halo        margin discarded around each tile, in pixels, or empty for the models' own (from their
 *                    receptive field)
 * @param outputType  prob8, prob32 or mask
 * @param threshold   mask threshold on the output class's probability, or NaN for the models' own
 *     ({@link MaskThreshold})
 * @param outputClass class whose probability is written (default: 1, the foreground)
 * @param batch       tiles per network call
 * @param device      cpu or gpu
 * @param resume      continue an interrupted OME-Zarr output, skipping finished chunks
 * @param overwrite   replace an existing output (and discard a partial one)
 * @param chunk       chunk shape (z, y, x) of chunked outputs (OME-Zarr), or empty for the format's default
 * @param border      mirror padding at the volume's edges in pixels (default 0), or empty for as wide as the halo;
 *                    however a plane is tiled, the result is that of the whole plane with this border
 * @param memoryBudget bytes for the work units in flight, or empty to derive it from the Java heap (a quarter,
 *                    32 MiB to 1 GiB); it sets the units' extent and so where tiles are placed
 * @param planes      planes to predict along and average ({@link OrthoplanePrediction}), or empty for xy alone
 *                    (today's prediction), with a notice when the input's voxels are near-isotropic
 * @param torchScript what plain TorchScript models ({@code .pt}) among the models need in place of an rdf.yaml
 */
public record PredictionRequest(List<Path> models, VolumeLocation input, VolumeLocation output,
        Optional<VolumeLocation> uncertainty, int tta, int tile, int overlap, OptionalInt halo, OutputType outputType,
        double threshold, OptionalInt outputClass, int batch, ComputeDevice device, boolean resume,
        boolean overwrite, Optional<int[]> chunk, OptionalInt border, OptionalLong memoryBudget,
        Optional<List<Plane>> planes, TorchScriptOptions torchScript) {

    public PredictionRequest {
        chunk = chunk.map(int[]::clone);
        models = List.copyOf(models);
        planes = planes.map(PredictionRequest::checkPlanes);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(uncertainty, "uncertainty");
        Objects.requireNonNull(torchScript, "torchScript");
        if (models.isEmpty()) {
            throw new VemsegException.InvalidInput("at least one {model} is needed");
        }
        if (tile < 0 || overlap < 0 || halo.orElse(0) < 0) {
            throw new IllegalArgumentException("tile, overlap and halo must be >= 0, were " + tile + ", " + overlap
                    + ", " + halo.getAsInt());
        }
        checkThreshold(threshold);
        if (batch < 1) {
            throw new VemsegException.InvalidInput("{batch} must be >= 1, was " + batch);
        }
        if (border.orElse(0) < 0) {
            throw new IllegalArgumentException("border must be >= 0, was " + border.getAsInt());
        }
        if (memoryBudget.isPresent() && memoryBudget.getAsLong() < 1) {
            throw new IllegalArgumentException("memory budget must be positive, was " + memoryBudget.getAsLong());
        }
    }

    private static double checkThreshold(double t) {
        if (!Double.isNaN(t) && !(t >= 0 && t <= 1)) {
            throw new VemsegException.InvalidInput("{threshold} must be between 0 and 1, was " + t);
        }
        return t;
    }

    private static List<Plane> checkPlanes(List<Plane> planes) {
        if (planes.isEmpty() || planes.stream().distinct().count() != planes.size()) {
            throw new VemsegException.InvalidInput("{planes} needs each plane at most once and at least one, was "
                    + Plane.names(planes));
        }
        return List.copyOf(planes);
    }

    /** The planes predicted along: those asked for, or xy alone. */
    public List<Plane> planesOrXy() {
        return planes.orElse(List.of(Plane.XY));
    }

    @Override
    public Optional<int[]> chunk() {
        return chunk.map(int[]::clone);
    }

    /** This request writing to {@code other} instead of {@link #output()}. */
    public PredictionRequest withOutput(VolumeLocation other) {
        return new PredictionRequest(models, input, other, uncertainty, tta, tile, overlap, halo, outputType, threshold,
                outputClass, batch, device, resume, overwrite, chunk, border, memoryBudget, planes, torchScript);
    }

    public static Builder builder(List<Path> models, VolumeLocation input, VolumeLocation output) {
        return new Builder(models, input, output);
    }

    /** Optional settings ({@code opt*}) with the command line's defaults. */
    public static final class Builder {
        private final List<Path> models;
        private final VolumeLocation input;
        private final VolumeLocation output;
        private Optional<VolumeLocation> uncertainty = Optional.empty();
        private int tta = 1;
        private int tile;
        private int overlap = 64;
        private OptionalInt halo = OptionalInt.empty();
        private OutputType outputType = OutputType.PROB8;
        private double threshold = Double.NaN;
        private OptionalInt outputClass = OptionalInt.empty();
        private int batch = 4;
        private ComputeDevice device = ComputeDevice.CPU;
        private boolean resume;
        private boolean overwrite;
        private Optional<int[]> chunk = Optional.empty();
        private OptionalLong memoryBudget = OptionalLong.empty();
        private OptionalInt border = OptionalInt.of(0);
        private Optional<List<Plane>> planes = Optional.empty();
        private TorchScriptOptions torchScript = TorchScriptOptions.none();

        private Builder(List<Path> models, VolumeLocation input, VolumeLocation output) {
            this.models = models;
            this.input = input;
            this.output = output;
        }

        public Builder optUncertainty(VolumeLocation u) {
            this.uncertainty = Optional.of(u);
            return this;
        }

        public Builder optTta(int n) {
            this.tta = n;
            return this;
        }

        public Builder optTile(int pixels) {
            this.tile = pixels;
            return this;
        }

        public Builder optOverlap(int pixels) {
            this.overlap = pixels;
            return this;
        }

        /** Halo in pixels of the networks' input (default: each model's, from its receptive field). */
        public Builder optHalo(int pixels) {
            this.halo = OptionalInt.of(pixels);
            return this;
        }

        public Builder optOutputType(OutputType t) {
            this.outputType = Objects.requireNonNull(t, "outputType");
            return this;
        }

        /**
         * Mask threshold on the output class's probability, between 0 and 1 (checked here); NaN (the default)
         * takes the models' calibrated threshold ({@link MaskThreshold}).
         */
        public Builder optThreshold(double t) {
            this.threshold = checkThreshold(t);
            return this;
        }

        public Builder optOutputClass(int c) {
            this.outputClass = OptionalInt.of(c);
            return this;
        }

        public Builder optBatch(int n) {
            this.batch = n;
            return this;
        }

        public Builder optDevice(ComputeDevice d) {
            this.device = d;
            return this;
        }

        public Builder optResume(boolean r) {
            this.resume = r;
            return this;
        }

        public Builder optOverwrite(boolean o) {
            this.overwrite = o;
            return this;
        }

        /** Chunk shape (z, y, x) of an OME-Zarr output. */
        public Builder optChunk(int[] zyx) {
            if (zyx.length != 3 || Arrays.stream(zyx).anyMatch(v -> v < 1)) {
                throw new IllegalArgumentException("chunk needs three positive sizes z,y,x but was "
                        + Arrays.toString(zyx));
            }
            this.chunk = Optional.of(zyx.clone());
            return this;
        }

        /** Mirror padding at the volume's edges, at most the halo (default 0). */
        public Builder optBorder(int pixels) {
            this.border = OptionalInt.of(pixels);
            return this;
        }

        /** Mirror padding at the volume's edges as wide as the halo: the most context, the most computation. */
        public Builder optHaloBorder() {
            this.border = OptionalInt.empty();
            return this;
        }

        /** Bytes for the work units in flight (default: derived from the Java heap). */
        public Builder optMemoryBudget(long bytes) {
            this.memoryBudget = OptionalLong.of(bytes);
            return this;
        }

        /** Planes to predict along and average, each once (default: xy alone). */
        public Builder optPlanes(List<Plane> p) {
            this.planes = Optional.of(checkPlanes(p));
            return this;
        }

        /** What plain TorchScript models ({@code .pt}) need in place of an rdf.yaml (default: nothing given). */
        public Builder optTorchScript(TorchScriptOptions o) {
            this.torchScript = Objects.requireNonNull(o, "torchScript");
            return this;
        }

        public PredictionRequest build() {
            return new PredictionRequest(models, input, output, uncertainty, tta, tile, overlap, halo, outputType,
                    threshold, outputClass, batch, device, resume, overwrite, chunk, border, memoryBudget, planes,
                    torchScript);
        }
    }
}
