package org.vemseg.nn.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.Notices;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VoxelSize;

/**
 * The planes training patches are cut from: xy only (the default), a list such as {@code xy,xz,yz} (CEM500K
 * curates xz and yz slices too; empanada trains on orthoplanes of isotropic FIB-SEM), or {@link #auto()}: all
 * three where the voxels the network sees are near-isotropic ({@link Plane#isNearIsotropic}, the rule prediction
 * uses to suggest {@code planes}), xy otherwise. Validation and held-out slices stay xy.
 *
 * @param chosen the planes given, or empty for automatic
 */
public record TrainingPlanes(Optional<List<Plane>> chosen) {

    private static final List<Plane> ALL = List.of(Plane.XY, Plane.XZ, Plane.YZ);

    public TrainingPlanes {
        chosen = chosen.map(List::copyOf);
        if (chosen.isPresent() && chosen.get().isEmpty()) {
            throw new IllegalArgumentException("at least one plane is needed");
        }
    }

    /** The default: patches from xy slices, as acquired. */
    public static TrainingPlanes xy() {
        return new TrainingPlanes(Optional.of(List.of(Plane.XY)));
    }

    /** All three planes where the voxels are near-isotropic, else xy. */
    public static TrainingPlanes auto() {
        return new TrainingPlanes(Optional.empty());
    }

    /** Parses {@code auto} or a list of planes such as {@code xy,xz,yz} ({@link Plane#parseList}). */
    public static TrainingPlanes parse(String text) {
        return "auto".equals(text.trim().toLowerCase(Locale.ROOT)) ? auto()
                : new TrainingPlanes(Optional.of(Plane.parseList(text)));
    }

    public boolean isAuto() {
        return chosen.isEmpty();
    }

    /**
     * The planes to train on, for a training stack of {@code depth} slices of voxels {@code voxel} (as the network
     * sees them, after downsampling) and patches of {@code patch} px. xz and yz slices are only as tall or wide as
     * the stack is deep; a patch overhanging them is continued by reflection, but a stack shallower than half a
     * patch is refused (automatic: xy). Tells the user ({@link Notices}) what automatic chose and why, and when
     * xz or yz were chosen for anisotropic voxels.
     */
    List<Plane> resolve(Optional<VoxelSize> voxel, int depth, int patch, Path images) {
        String name = Settings.name("planes");
        boolean shallow = 2 * depth < patch;
        if (chosen.isPresent()) {
            List<Plane> planes = chosen.get();
            if (planes.equals(List.of(Plane.XY))) {
                return planes;
            }
            if (shallow) {
                throw new VemsegException.InvalidInput(images + ": " + name + " " + Plane.names(planes) + " needs "
                        + "xz and yz slices at least half a patch tall, but the stack trains on " + depth
                        + " slices for " + Settings.name("patch") + " " + patch + "; use a smaller "
                        + Settings.name("patch") + " or " + name + " xy");
            }
            if (voxel.isPresent() && !Plane.isNearIsotropic(voxel.get())) {
                Notices.tell(name + " " + Plane.names(planes) + ": the training voxels (" + voxel.get() + ") are not "
                        + "near-isotropic (z within " + Plane.ISOTROPY_RATIO + "x of y and x), so xz and yz slices "
                        + "look unlike xy slices; training on them as asked");
            }
            return planes;
        }
        if (voxel.isEmpty()) {
            Notices.tell(name + " auto: the training images have no voxel size, so patches come from xy slices only; "
                    + "give " + name + " xy,xz,yz for near-isotropic data");
            return List.of(Plane.XY);
        }
        if (!Plane.isNearIsotropic(voxel.get())) {
            Notices.tell(name + " auto: the training voxels (" + voxel.get() + ") are anisotropic, so patches come "
                    + "from xy slices only");
            return List.of(Plane.XY);
        }
        if (shallow) {
            Notices.tell(name + " auto: the voxels are near-isotropic, but the " + depth + " training slices are "
                    + "fewer than half of " + Settings.name("patch") + " " + patch + ", so patches come from xy "
                    + "slices only");
            return List.of(Plane.XY);
        }
        Notices.tell(name + " auto: the training voxels (" + voxel.get() + ") are near-isotropic, so patches come "
                + "from the xy, xz and yz planes (validation stays xy)");
        return ALL;
    }

    @Override
    public String toString() {
        return chosen.map(Plane::names).orElse("auto");
    }
}
