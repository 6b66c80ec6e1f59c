package org.vemseg.nn.bmz;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.Downsampling;

/**
 * Exports a {@code .vsm} model as bioimage.io model packages (format 0.5): one zip per ensemble member, since the
 * format describes single networks. A one-member model goes to {@code out}; the members of an ensemble to
 * {@code out}'s name with {@code -member<i>-<frames>f} before the extension, e.g. {@code mito-member2-3f.zip}.
 *
 * <p>Each package holds {@code rdf.yaml} ({@link RdfYaml}), the weights as a PyTorch state dict written without
 * Python ({@link TorchCheckpoint}, {@link StateDict}), the architecture as a plain PyTorch module
 * ({@code vemseg_networks.py}), a test input of synthetic EM and the output vemseg predicts for it ({@code .npy}),
 * a cover and a README with the training provenance. Each zip is written to a temporary name and renamed when
 * complete; all target names are checked before any work.
 */
public final class BmzExport {

    /** Seed of the synthetic test input, fixed so that exports of one model are comparable. */
    private static final long TEST_SEED = 16;
    private static final VoxelSize DEFAULT_VOXEL = new VoxelSize(30, 8, 8);

    private BmzExport() {
    }

    /** The packages {@code model} exports to at {@code out}, one per member, in member order. */
    public static List<Path> targets(int members, List<Integer> frames, Path out) {
        if (members == 1) {
            return List.of(out);
        }
        String name = String.valueOf(out.getFileName());
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            paths.add(out.resolveSibling(stem + "-member" + (i + 1) + "-" + frames.get(i) + "f" + ext));
        }
        return paths;
    }

    /** Writes the packages of {@code model} and returns their paths. */
    public static List<Path> export(Path model, Path out, BmzOptions options) {
        ModelManifest manifest = ModelBundle.readManifest(model);
        List<Integer> frames = manifest.members().stream().map(MemberManifest::frames).toList();
        List<Path> targets = targets(manifest.members().size(), frames, out);
        for (Path t : targets) {
            if (Files.exists(t) && !options.overwrite()) {
                throw new VemsegException.InvalidInput(t + " exists; use {overwrite} to replace it");
            }
        }
        String modelName = String.valueOf(model.getFileName()).replaceFirst("\\.vsm$", "");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ModelBundle bundle = ModelBundle.load(model, manager);
            for (int i = 0; i < targets.size(); i++) {
                MemberManifest mm = manifest.members().get(i);
                NetworkSpec spec = mm.spec();
                int d = manifest.downsample();
                // the halo vemseg's own prediction uses for this network (its receptive field), in volume pixels
                int halo = spec.architecture().defaultHalo() * d;
                int step = spec.architecture().inputMultiple() * d;
                int min = (2 * halo + step + step - 1) / step * step;
                MemberExport m = new MemberExport(modelName, manifest, i, targets.size(), spec, mm.provenance(),
                        halo, step, min);
                write(targets.get(i), files(m, manager, bundle, options), options.overwrite());
            }
        }
        return targets;
    }

    /** The package's files, rdf.yaml last (it holds the others' checksums). */
    private static Map<String, byte[]> files(MemberExport m, NDManager manager, ModelBundle bundle,
            BmzOptions options) {
        int size = m.minSize();
        int frames = m.spec().frames();
        int classes = m.spec().classes();
        float[] raw = testInput(m, size);
        float[] normalised = new float[raw.length];
        Normalisation n = m.manifest().normalisation();
        for (int i = 0; i < raw.length; i++) {
            normalised[i] = n.apply(raw[i]);
        }
        float[] probabilities = predict(bundle.members().get(m.index()), manager, m.downsample(), normalised,
                new Shape(1, frames, size, size));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(BmzFiles.WEIGHTS, TorchCheckpoint.write(StateDict.of(bundle.members().get(m.index()))));
        files.put(BmzFiles.ARCHITECTURE, architectureSource());
        files.put(BmzFiles.TEST_INPUT, Npy.float32(new long[] {1, frames, size, size}, raw));
        files.put(BmzFiles.TEST_OUTPUT, Npy.float32(new long[] {1, classes, size, size}, probabilities));
        files.put(BmzFiles.COVER, CoverImage.png(raw, frames, probabilities, classes, size));
        files.put(BmzFiles.README, ModelCard.of(m).getBytes(StandardCharsets.UTF_8));
        Map<String, String> sha256 = new LinkedHashMap<>();
        files.forEach((name, bytes) -> sha256.put(name, Sha256.of(bytes)));
        files.put(BmzFiles.RDF, RdfYaml.of(m, options, sha256)
                .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Probabilities of the network for one normalised tile, computed as vemseg predicts (DjlTilePredictor). */
    private static float[] predict(ai.djl.nn.Block network, NDManager manager, int downsample, float[] input,
            Shape shape) {
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(input, shape);
            return Downsampling.forward(network, new ParameterStore(call, false), x, downsample, false).softmax(1)
                    .toFloatArray();
        }
    }

    /** Synthetic EM at the model's voxel size: frames × size × size raw intensities (0-255). */
    private static float[] testInput(MemberExport m, int size) {
        double[] v = m.manifest().voxelSizeNm();
        VoxelSize voxel = v == null ? DEFAULT_VOXEL : new VoxelSize(v[0], v[1], v[2]);
        Block image = new SyntheticEm(Box.ofShape(m.spec().frames(), size, size), voxel, TEST_SEED).generate()
                .image();
        float[] raw = new float[image.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) image.get(i);
        }
        return raw;
    }

    private static byte[] architectureSource() {
        try (InputStream in = BmzExport.class.getResourceAsStream(BmzFiles.ARCHITECTURE)) {
            if (in == null) {
                throw new IllegalStateException(BmzFiles.ARCHITECTURE + " is missing from the vemseg-nn jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path target, Map<String, byte[]> files, boolean overwrite) {
        try (AtomicOutput out = AtomicOutput.begin(target, overwrite, false)) {
            try (ZipOutputStream zip =
                    new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(out.temp())))) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(f.getKey()));
                    zip.write(f.getValue());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw VemsegException.IO.of(target, "write model package", e);
            }
            out.commit();
        }
    }
}
