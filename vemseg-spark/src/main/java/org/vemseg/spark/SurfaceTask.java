package org.vemseg.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.zarr.ZarrFormat;
import org.vemseg.core.objects.ObjectMeasurements;
import org.vemseg.core.volume.Box;
import scala.Tuple2;

/**
 * The third pass: the surface area of objects, each measured by an executor from a crop of its bounding box in the
 * label output that the second pass wrote, as the single-machine table measures it.
 */
final class SurfaceTask implements FlatMapFunction<Iterator<Tuple2<Integer, Box>>, Tuple2<Integer, Double>> {

    private static final long serialVersionUID = 1L;

    private final String output;
    private final int count;
    private final double[] spacing;
    private final LongAccumulator objectsDone;

    /**
     * @param output the label output (its partial folder)
     * @param count objects in it
     * @param spacing voxel size (z, y, x) in the table's unit
     */
    SurfaceTask(String output, int count, double[] spacing, LongAccumulator objectsDone) {
        this.output = output;
        this.count = count;
        this.spacing = spacing.clone();
        this.objectsDone = objectsDone;
    }

    @Override
    public Iterator<Tuple2<Integer, Double>> call(Iterator<Tuple2<Integer, Box>> objects) {
        ZarrLabels labels = new ZarrLabels(ZarrFormat.openPartial(VolumeLocation.parse(output)), count);
        List<Tuple2<Integer, Double>> out = new ArrayList<>();
        while (objects.hasNext()) {
            Tuple2<Integer, Box> o = objects.next();
            out.add(new Tuple2<>(o._1(), ObjectMeasurements.surfaceArea(labels, o._1(), o._2(), spacing)));
            objectsDone.add(1);
        }
        return out.iterator();
    }
}
