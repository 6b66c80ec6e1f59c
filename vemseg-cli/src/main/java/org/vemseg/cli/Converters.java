package org.vemseg.cli;

import java.util.function.Function;
import org.vemseg.core.predict.InputNormalization;
import org.vemseg.nn.bmz.OutputActivation;
import org.vemseg.nn.bmz.Preprocessing;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.predict.OutputType;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.pretrain.BenchmarkDataset;
import org.vemseg.nn.train.OptimizerKind;
import org.vemseg.nn.train.WeightAveraging;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for vemseg's option types. Enums whose names are not their spelling on the command line
 * ({@code cdeep3m-mito}, {@code uint8}) or whose own parser says more than picocli's list of valid values
 * (architectures point to the encoder vocabulary and back) are parsed by that parser; its message names the
 * expected form.
 */
final class Converters {

    private Converters() {
    }

    /** A converter from a parser that rejects bad values with a message for the user. */
    private abstract static class Parsed<T> implements ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsed(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (VemsegException | IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Holes extends Parsed<HoleFilling> {
        Holes() {
            super(HoleFilling::of);
        }
    }

    static final class Location implements ITypeConverter<VolumeLocation> {
        @Override
        public VolumeLocation convert(String value) {
            return VolumeLocation.parse(value);
        }
    }

    static final class Type extends Parsed<DataType> {
        Type() {
            super(DataType::fromString);
        }
    }

    static final class Voxel extends Parsed<VoxelSize> {
        Voxel() {
            super(VoxelSize::parse);
        }
    }

    static final class Compress extends Parsed<Compression> {
        Compress() {
            super(Compression::fromString);
        }
    }

    static final class Slices extends Parsed<SliceFormat> {
        Slices() {
            super(SliceFormat::fromString);
        }
    }

    static final class Arch extends Parsed<Architecture> {
        Arch() {
            super(Architecture::fromString);
        }
    }

    static final class Encoder extends Parsed<ResNetDepth> {
        Encoder() {
            super(ResNetDepth::fromString);
        }
    }

    static final class Optimizer extends Parsed<OptimizerKind> {
        Optimizer() {
            super(OptimizerKind::fromString);
        }
    }

    static final class Norm extends Parsed<InputNormalization> {
        Norm() {
            super(Preprocessing::parse);
        }
    }

    static final class Activation extends Parsed<OutputActivation> {
        Activation() {
            super(OutputActivation::fromString);
        }
    }

    static final class WeightAverage extends Parsed<WeightAveraging> {
        WeightAverage() {
            super(WeightAveraging::fromString);
        }
    }

    static final class Output extends Parsed<OutputType> {
        Output() {
            super(OutputType::fromString);
        }
    }

    static final class Dataset extends Parsed<BenchmarkDataset> {
        Dataset() {
            super(BenchmarkDataset::fromString);
        }
    }

    /** 6, 18 or 26 neighbours. */
    static final class Neighbours extends Parsed<Connectivity> {
        Neighbours() {
            super(s -> Connectivity.of(Integer.parseInt(s.trim())));
        }
    }

    /** A mirror border in pixels, or {@code halo} ({@link TiledPrediction#HALO_BORDER}) for as wide as the halo. */
    static final class Border extends Parsed<Integer> {
        Border() {
            super(Converters::border);
        }
    }

    private static Integer border(String value) {
        if ("halo".equals(value.trim())) {
            return TiledPrediction.HALO_BORDER;
        }
        try {
            int pixels = Integer.parseInt(value.trim());
            if (pixels >= 0) {
                return pixels;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("expected pixels (0 or more) or 'halo', was '" + value + "'");
    }
}
