package org.vemseg.nn.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.ResumeGuard;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.predict.PredictionPlan;

/**
 * The settings that determine a prediction's voxels, {@code key=value} one per line, for {@link ResumeGuard}: the
 * input (path, shape, content and files), the models (path, size, time), every setting of the request, the
 * tiling, and a note of the memory the tiling was derived from.
 */
final class JobDescription {

    private JobDescription() {
    }

    static String of(PredictionRequest r, VolumeReader reader, PredictionPlan plan, long budgetBytes) {
        return request(r, reader) + ResumeGuard.TILING + '=' + tiling(plan) + '\n' + ResumeGuard.MEMORY + '='
                + memory(budgetBytes) + '\n';
    }

    /** The lines of the input, the models and the request's settings (without the tiling, which a plan fixes). */
    static String request(PredictionRequest r, VolumeReader reader) {
        StringBuilder s = new StringBuilder(ResumeGuard.describeInput(r.input(), reader));
        for (Path m : r.models()) {
            s.append("model=").append(m.toAbsolutePath().normalize()).append(' ').append(fileStamp(m)).append('\n');
        }
        s.append("tta=").append(r.tta()).append('\n');
        s.append("tile=").append(r.tile()).append('\n');
        s.append("overlap=").append(r.overlap()).append('\n');
        s.append("halo=").append(r.halo().isPresent() ? r.halo().getAsInt() : "model").append('\n');
        s.append("border=").append(r.border().isPresent() ? r.border().getAsInt() : "halo").append('\n');
        s.append("output-type=").append(r.outputType()).append('\n');
        s.append("threshold=").append(r.threshold()).append('\n');
        s.append("class=").append(r.outputClass().isPresent() ? r.outputClass().getAsInt() : "default").append('\n');
        s.append("uncertainty=").append(r.uncertainty().isPresent()).append('\n');
        if (!r.torchScript().given().isEmpty()) {
            s.append("torchscript=").append(r.torchScript()).append('\n');
        }
        s.append("chunk=").append(r.chunk().map(Arrays::toString).orElse("default")).append('\n');
        return s.toString();
    }

    /** The output chunks and work-unit extent: together they fix where every tile is placed. */
    private static String tiling(PredictionPlan plan) {
        int[] chunk = plan.chunk();
        long[] unit = plan.unitPlane();
        return String.format(Locale.ROOT, "chunks %d x %d x %d, work units %d x %d pixels, tiles %d x %d", chunk[0],
                chunk[1], chunk[2], unit[0], unit[1], plan.geometry().tileHeight(), plan.geometry().tileWidth());
    }

    /** Where the tiling's memory budget came from, to explain a refusal to resume with another heap. */
    private static String memory(long budgetBytes) {
        return String.format(Locale.ROOT, "Java heap %d MB, work-unit budget %d MB", Runtime.getRuntime().maxMemory()
                >> 20, budgetBytes >> 20);
    }

    private static String fileStamp(Path p) {
        try {
            return Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw VemsegException.IO.of(p, "read model", e);
        }
    }
}
