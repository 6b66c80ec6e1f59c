package org.vemseg.nn.predict;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.vemseg.core.VemsegException;
import org.vemseg.core.predict.InputNormalization;
import org.vemseg.core.predict.Normalization;
import org.vemseg.core.predict.TiledPrediction;
import org.vemseg.nn.bmz.BmzModel;
import org.vemseg.nn.bundle.MemberManifest;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.bundle.Normalisation;
import org.vemseg.nn.model.ComputeDevice;

/**
 * The member networks of one or more {@code .vsm} bundles, each ready to predict tiles: a bundle of one
 * network gives one predictor, an ensemble bundle (e.g. 1, 3 and 5 frames) one per member, and several
 * bundles are concatenated into one ensemble. Every predictor carries its bundle's normalisation. A bioimage.io
 * package with TorchScript weights is one more member ({@link TorchScriptModels}), with the normalisation, tile
 * step and halo of its rdf.yaml; so is a plain TorchScript file ({@code .pt}) with {@link TorchScriptOptions} in
 * place of the rdf.yaml, whose chosen output channel makes it a two-class model like vemseg's own.
 *
 * <p>Members may need different numbers of frames (each gets its own z context) but must predict the same
 * classes. Each bundle's parameters live on one {@link NDManager}, each predictor works in its own
 * sub-manager of it; {@link #close()} frees them all.
 */
public final class ModelPredictors implements AutoCloseable {

    /** One network of the ensemble and the normalisation its bundle was trained with. */
    public record Member(MemberPredictor predictor, InputNormalization normalization, Path source, int index) {
        @Override
        public String toString() {
            return source.getFileName() + "[" + index + "] " + predictor.describe();
        }
    }

    private final List<Member> members;
    private final List<NDManager> managers;

    private ModelPredictors(List<Member> members, List<NDManager> managers) {
        this.members = List.copyOf(members);
        this.managers = List.copyOf(managers);
    }

    /** Loads every member with the same halo (see {@link #load(List, ComputeDevice, OptionalInt)}). */
    public static ModelPredictors load(List<Path> bundles, ComputeDevice device, int halo) {
        return load(bundles, device, OptionalInt.of(halo));
    }

    /**
     * Loads every member of every bundle onto {@code device}. Fails with a one-line
     * {@link VemsegException} naming the file for an unreadable or corrupt model, or when the members do
     * not predict the same number of classes; nothing stays allocated after a failure.
     *
     * @param halo margin discarded around each tile, in pixels of the networks' input, times the bundle's
     *     downsampling factor in pixels of the volume; empty for each member's
     *     {@linkplain org.vemseg.nn.model.Architecture#defaultHalo() architecture's default}, which needs nothing
     *     stored in the bundle, so bundles of any age get it
     */
    public static ModelPredictors load(List<Path> bundles, ComputeDevice device, OptionalInt halo) {
        return load(bundles, device, halo, TorchScriptOptions.none());
    }

    /**
     * The same with the options of the plain TorchScript files ({@code .pt}) among the models; the options are
     * refused in one line when no model is a {@code .pt} (packages and bundles state their own).
     */
    public static ModelPredictors load(List<Path> bundles, ComputeDevice device, OptionalInt halo,
            TorchScriptOptions options) {
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        if (!options.given().isEmpty() && bundles.stream().noneMatch(ModelPredictors::isTorchScript)) {
            throw new VemsegException.InvalidInput(String.join(", ", options.given()) + " describe plain TorchScript "
                    + "(.pt) models, but " + bundles.get(0) + " states its own ("
                    + (isPackage(bundles.get(0)) ? "rdf.yaml" : "model bundle") + ")");
        }
        Device d = device.resolve();
        // Read all manifests and packages first: class mismatches fail before any weights are loaded.
        List<ModelManifest> manifests = new ArrayList<>();
        Map<Path, BmzModel> packages = new HashMap<>();
        for (Path p : bundles) {
            if (isPackage(p)) {
                BmzModel m = BmzModel.read(p);
                packages.put(p, m);
                manifests.add(null);
            } else if (isTorchScript(p)) {
                manifests.add(null);
            } else {
                manifests.add(ModelBundle.readManifest(p));
            }
        }
        checkClasses(bundles, manifests, packages);
        List<Member> loaded = new ArrayList<>();
        List<NDManager> managers = new ArrayList<>();
        try {
            for (Path path : bundles) {
                if (isTorchScript(path)) {
                    loaded.add(TorchScriptModels.loadFile(path, options, d, halo, managers));
                    continue;
                }
                BmzModel bmz = packages.get(path);
                if (bmz != null) {
                    loaded.add(TorchScriptModels.load(bmz, d, halo, managers));
                    continue;
                }
                NDManager manager = NDManager.newBaseManager(d);
                managers.add(manager);
                ModelBundle bundle = ModelBundle.load(path, manager);
                Normalisation n = bundle.manifest().normalisation();
                Normalization norm = new Normalization(n.mean(), n.std());
                for (int i = 0; i < bundle.members().size(); i++) {
                    MemberManifest mm = bundle.manifest().members().get(i);
                    int h = halo.orElse(mm.spec().architecture().defaultHalo());
                    loaded.add(new Member(new DjlTilePredictor(manager, bundle.members().get(i), mm.spec(), h,
                            bundle.manifest().downsample()), norm, path, i));
                }
            }
        } catch (RuntimeException e) {
            closeAll(loaded, managers);
            throw e;
        }
        return new ModelPredictors(loaded, managers);
    }

    /**
     * Whether {@code path} is a bioimage.io model package (a {@code .zip} or a folder with an rdf.yaml) rather than a
     * {@code .vsm} bundle.
     */
    public static boolean isPackage(Path path) {
        String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || Files.isRegularFile(path.resolve("rdf.yaml"))
                || Files.isRegularFile(path.resolve("bioimageio.yaml"));
    }

    /**
     * Whether {@code path} is a plain TorchScript file (named {@code .pt}, {@code .pts}, {@code .pth} or
     * {@code .torchscript}), which needs {@link TorchScriptOptions} in place of an rdf.yaml.
     */
    public static boolean isTorchScript(Path path) {
        String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        return (name.endsWith(".pt") || name.endsWith(".pts") || name.endsWith(".pth")
                || name.endsWith(".torchscript")) && !Files.isDirectory(path);
    }

    private static void checkClasses(List<Path> bundles, List<ModelManifest> manifests, Map<Path, BmzModel> packages) {
        int classes = -1;
        Path first = null;
        for (int b = 0; b < bundles.size(); b++) {
            ModelManifest m = manifests.get(b);
            if (m == null) {
                BmzModel bmz = packages.get(bundles.get(b));
                int c = bmz == null ? 2 : Math.max(2, bmz.classes()); // a .pt's output channel makes two classes
                if (classes < 0) {
                    classes = c;
                    first = bundles.get(b);
                } else if (c != classes) {
                    throw new VemsegException.InvalidInput("models predict different classes: " + first + " has "
                            + classes + ", " + bundles.get(b) + " has " + c + "; an ensemble needs the same classes");
                }
                continue;
            }
            for (MemberManifest member : m.members()) {
                if (member.classes() != m.classNames().size()) {
                    throw new VemsegException.Corrupt(bundles.get(b) + ": a member predicts " + member.classes()
                            + " classes but the manifest names " + m.classNames().size());
                }
                if (classes < 0) {
                    classes = member.classes();
                    first = bundles.get(b);
                } else if (member.classes() != classes) {
                    throw new VemsegException.InvalidInput("models predict different classes: " + first + " has "
                            + classes + ", " + bundles.get(b) + " has " + member.classes()
                            + "; an ensemble needs the same classes");
                }
            }
        }
    }

    /**
     * The same networks with predictors of their own, for another thread (each {@link DjlTilePredictor} is not
     * thread-safe): the weights are loaded once and shared, only read while predicting. Closing the copy frees its
     * predictors' buffers; the weights are freed when this (the loaded original) is closed, after every copy.
     */
    public ModelPredictors share() {
        List<Member> copies = new ArrayList<>();
        try {
            for (Member m : members) {
                copies.add(new Member(m.predictor().share(), m.normalization(), m.source(), m.index()));
            }
        } catch (RuntimeException e) {
            closeAll(copies, List.of());
            throw e;
        }
        return new ModelPredictors(copies, List.of());
    }

    public List<Member> members() {
        return members;
    }

    /** Adds every member to a prediction being built. */
    public TiledPrediction.Builder addTo(TiledPrediction.Builder builder) {
        for (Member m : members) {
            builder.addModel(m.predictor(), m.normalization());
        }
        return builder;
    }

    @Override
    public void close() {
        closeAll(members, managers);
    }

    private static void closeAll(List<Member> members, List<NDManager> managers) {
        for (Member m : members) {
            m.predictor().close();
        }
        for (NDManager m : managers) {
            m.close();
        }
    }
}
