package org.vemseg.cli;

import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for vemseg's option types; each names the expected form in its error. */
final class Converters {

    private Converters() {
    }

    static final class Location implements ITypeConverter<VolumeLocation> {
        @Override
        public VolumeLocation convert(String value) {
            return VolumeLocation.parse(value);
        }
    }

    static final class Type implements ITypeConverter<DataType> {
        @Override
        public DataType convert(String value) {
            try {
                return DataType.fromString(value);
            } catch (VemsegException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Voxel implements ITypeConverter<VoxelSize> {
        @Override
        public VoxelSize convert(String value) {
            try {
                return VoxelSize.parse(value);
            } catch (VemsegException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Compress implements ITypeConverter<Compression> {
        @Override
        public Compression convert(String value) {
            try {
                return Compression.fromString(value);
            } catch (VemsegException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Slices implements ITypeConverter<SliceFormat> {
        @Override
        public SliceFormat convert(String value) {
            try {
                return SliceFormat.fromString(value);
            } catch (VemsegException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
