package org.vemseg.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.objects.ObjectStatistics;
import org.vemseg.core.volume.Box;
import scala.Tuple2;

/**
 * What the first pass finds in one block, without its voxels: its components (numbered 1, 2, ... in the block's
 * scan order), their statistics, and the volume index ({@code (z * height + y) * width + x}) of each one's first
 * voxel, by which the merged objects are numbered in the volume's scan order as on one machine.
 *
 * @param maxUint8 the block's largest value for a uint8 input, else -1
 */
record BlockComponents(int block, ObjectStatistics stats, long[] first, int maxUint8) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Labels block {@code i} of {@code job}: its components, and its contacts with neighbouring blocks keyed by
     * {@link Contact#pairKey the pair} (contacts without any component are left out).
     */
    static Tuple2<BlockComponents, List<Tuple2<Long, Contact>>> of(LabellingJob job, int i) {
        LabellingJob.Labelled l = job.label(i);
        int n = l.runs().count();
        Box b = l.box();
        Box bounds = job.grid().bounds();
        int h = (int) b.height();
        int w = (int) b.width();
        ObjectStatistics stats = new ObjectStatistics(n);
        long[] first = new long[n + 1];
        int seen = 0;
        int[] slice = new int[h * w];
        for (int z = 0; z < b.depth(); z++) {
            int gz = (int) b.z() + z;
            l.runs().read(z, 0, 0, 1, h, w, slice);
            stats.addSlice(slice, gz, (int) b.y(), (int) b.x(), h, w);
            for (int k = 0; k < slice.length && seen < n; k++) {
                // Components are numbered in scan order, so each first shows up right after the one before.
                if (slice[k] > seen) {
                    seen = slice[k];
                    first[seen] = (gz * bounds.height() + b.y() + k / w) * bounds.width() + b.x() + k % w;
                }
            }
        }
        List<Tuple2<Long, Contact>> contacts = new ArrayList<>();
        for (LabellingGrid.Neighbour nb : job.grid().neighbours(i, job.connectivity(), job.perSlice())) {
            Contact c = new Contact(i, nb.contact(), l.read(nb.contact()));
            if (!c.empty()) {
                contacts.add(new Tuple2<>(Contact.pairKey(i, nb.block()), c));
            }
        }
        return new Tuple2<>(new BlockComponents(i, stats, first, l.maxUint8()), contacts);
    }
}
