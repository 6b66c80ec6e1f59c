package org.vemseg.nn.bundle;

import java.util.List;

/**
 * The {@code manifest.json} of a {@code .vsm} bundle.
 *
 * @param formatVersion "major.minor"; a reader accepts any minor of its own major
 * @param vemsegVersion version of the vemseg that wrote it
 * @param classNames one name per output class, index = class
 * @param normalisation intensity normalisation shared by all members
 * @param voxelSizeNm z, y, x voxel size of the training data in nm, or null if unknown
 * @param members one or more networks (an ensemble, e.g. 1, 3 and 5 frames) whose probabilities are averaged
 * @param downsample in-plane factor by which the members see slices ({@code Downsampling}); 1 in bundles of
 *     format 1.0, which predate it
 * @param calibration the ensemble's mask threshold chosen on validation data, or null: binary models trained
 *     without validation data, multi-class models (arg-max), and bundles before format 1.2
 */
public record ModelManifest(String formatVersion, String vemsegVersion, List<String> classNames,
        Normalisation normalisation, double[] voxelSizeNm, List<MemberManifest> members, int downsample,
        ThresholdCalibration calibration) {

    /** Major format version this code writes and reads. */
    public static final int FORMAT_MAJOR = 1;
    /** 1.1 added {@code downsample}, 1.2 {@code calibration}; readers of 1.x ignore what they do not know. */
    public static final String FORMAT_VERSION = FORMAT_MAJOR + ".2";

    /** A manifest without a calibrated threshold. */
    public ModelManifest(String formatVersion, String vemsegVersion, List<String> classNames,
            Normalisation normalisation, double[] voxelSizeNm, List<MemberManifest> members, int downsample) {
        this(formatVersion, vemsegVersion, classNames, normalisation, voxelSizeNm, members, downsample, null);
    }

    /** The same manifest with {@code c} as its calibration. */
    public ModelManifest withCalibration(ThresholdCalibration c) {
        return new ModelManifest(formatVersion, vemsegVersion, classNames, normalisation, voxelSizeNm, members,
                downsample, c);
    }

    /** The threshold a binary mask of this model uses by default: the calibrated one, else 0.5. */
    public double maskThreshold() {
        return calibration == null ? ThresholdCalibration.UNCALIBRATED : calibration.threshold();
    }

    public ModelManifest {
        classNames = List.copyOf(classNames);
        members = List.copyOf(members);
        voxelSizeNm = voxelSizeNm == null ? null : voxelSizeNm.clone();
        downsample = downsample < 1 ? 1 : downsample;
    }

    @Override
    public double[] voxelSizeNm() {
        return voxelSizeNm == null ? null : voxelSizeNm.clone();
    }

    /** The vemseg version from the jar manifest, or "dev" when run from classes. */
    public static String currentVemsegVersion() {
        String v = ModelManifest.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
