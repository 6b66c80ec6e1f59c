package org.vemseg.nn.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.model.ResNetEncoder;

/**
 * A pre-trained encoder file ({@code .weights}): a zip of {@code encoder.json} (the {@link Header}) and
 * {@code encoder.params} (DJL parameters of a {@link ResNetEncoder}, the same block a ResUNet contains). The
 * projection head and the key encoder of MoCo are not kept.
 */
public record EncoderWeights(Header header, byte[] params) {

    public static final String FORMAT = "vemseg-encoder";
    public static final int VERSION = 1;
    static final String HEADER_ENTRY = "encoder.json";
    static final String PARAMS_ENTRY = "encoder.params";
    private static final String ARCH = Settings.name("arch");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * @param arch encoder, {@code resnet18} or {@code resnet50} ({@link ResNetDepth#id()}); the U-Net must have
     *     the same ({@code resunet} or {@code resunet50})
     * @param width channel multiplier (1 = published ResNet); the ResUNet must use the same
     * @param base channels of the stem (64 × width)
     * @param frames input channels the stem was trained on (1: 2D patches)
     * @param iterations pre-training iterations
     * @param patches patches in the pre-training set
     */
    public record Header(String format, int version, String arch, double width, int base, int frames,
            String method, long iterations, long patches, String vemsegVersion, String created) {
    }

    /** Writes atomically; fails at once if {@code path} exists and {@code overwrite} is false. */
    public void save(Path path, boolean overwrite) {
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try (OutputStream os = Files.newOutputStream(out.temp());
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(os))) {
                zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
                zip.write(GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(PARAMS_ENTRY));
                zip.write(params);
                zip.closeEntry();
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write encoder weights", e);
            }
            out.commit();
        }
    }

    /** Reads a file written by {@link #save}; throws Corrupt naming the file if it is not one. */
    public static EncoderWeights load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new VemsegException.InvalidInput(path + ": encoder weights file not found");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Header h = GSON.fromJson(new String(entry(zip, HEADER_ENTRY, path), StandardCharsets.UTF_8),
                    Header.class);
            if (h == null || !FORMAT.equals(h.format())) {
                throw new VemsegException.Corrupt(path + ": not a vemseg encoder weights file");
            }
            if (h.version() > VERSION) {
                throw new VemsegException.Unsupported(path + ": encoder weights version " + h.version()
                        + " is newer than this vemseg reads (" + VERSION + ")");
            }
            return new EncoderWeights(h, entry(zip, PARAMS_ENTRY, path));
        } catch (ZipException | JsonParseException e) {
            throw new VemsegException.Corrupt(path + ": not a vemseg encoder weights file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read encoder weights", e);
        }
    }

    /**
     * Checks that these weights fit a ResUNet built from {@code spec}; throws InvalidInput naming {@code source}
     * and the option to change otherwise.
     */
    public void checkFits(NetworkSpec spec, Path source) {
        ResNetDepth encoder = spec.architecture().encoder().orElseThrow(() -> new VemsegException.InvalidInput(
                source + ": encoder weights need a U-Net (" + ARCH + " " + unets() + "), not " + spec.architecture()));
        if (!encoder.id().equals(header.arch())) {
            throw new VemsegException.InvalidInput(source + ": encoder weights are " + header.arch() + " but " + ARCH
                    + " " + spec.architecture() + " has a " + encoder + " encoder" + archHint());
        }
        if (header.base() != spec.resunetBase()) {
            throw new VemsegException.InvalidInput(String.format(Locale.ROOT,
                    "%s: encoder was pre-trained at width %s (%d channels) but the network has width %s (%d "
                            + "channels); use %s %s", source, header.width(), header.base(), spec.width(),
                    spec.resunetBase(), Settings.name("width"), header.width()));
        }
        if (header.frames() != spec.frames() && header.frames() != 1) {
            throw new VemsegException.InvalidInput(source + ": encoder was pre-trained on " + header.frames()
                    + "-frame input but the network takes " + spec.frames() + " frames; use " + Settings.name("frames")
                    + " " + header.frames() + " (only 1-frame encoders start networks of other frame counts)");
        }
    }

    /** The encoder of the header's {@code arch}; empty if this vemseg has no encoder of that name. */
    public Optional<ResNetDepth> depth() {
        return Arrays.stream(ResNetDepth.values()).filter(d -> d.id().equals(header.arch())).findFirst();
    }

    /** The encoder of the header's {@code arch}; throws InvalidInput naming {@code source} if vemseg has none. */
    public ResNetDepth encoder(Path source) {
        return depth().orElseThrow(() -> new VemsegException.InvalidInput(source + ": unknown encoder '"
                + header.arch() + "'"));
    }

    /** "; use {arch} X" naming the U-Net with this file's encoder, or nothing if no U-Net has it. */
    private String archHint() {
        return depth().map(d -> "; use " + ARCH + " " + d.architecture()).orElse("");
    }

    private static String unets() {
        return Arrays.stream(Architecture.values()).filter(a -> a.encoder().isPresent()).map(Architecture::id)
                .collect(Collectors.joining(" or "));
    }

    /**
     * Loads the parameters into {@code encoder} (initialised, of the same depth and width, taking {@code frames}
     * input channels; {@link #checkFits} passed).
     *
     * <p>Pre-training sees single slices, but CDeep3M's 3- and 5-frame networks take a stack. A 1-frame encoder
     * starts them by inflating its stem filters over the frames: each filter is copied to every frame and divided
     * by their number (as I3D inflates 2D ImageNet filters into 3D). A stack of identical frames then gives
     * exactly the pre-trained features, and training learns from there what the neighbouring slices add.
     * Every other layer is independent of the frame count and is copied as it is.
     */
    public void loadInto(ResNetEncoder encoder, int frames, NDManager manager, Path source) {
        if (header.frames() == frames) {
            ModelBundle.loadParameters(encoder, params, manager, source.toString());
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            ResNetEncoder pretrained = new ResNetEncoder(encoder(source), header.base());
            pretrained.initialize(scratch, DataType.FLOAT32, new Shape(1, header.frames(), 64, 64));
            ModelBundle.loadParameters(pretrained, params, scratch, source.toString());
            ModelBundle.copyParameters(pretrained, encoder, source.toString(), (name, from, to) -> {
                if (!isStemFilter(from, to, frames)) {
                    throw new VemsegException.Corrupt(source + ": parameter " + name + " has shape "
                            + from.getShape() + " but the network's has " + to.getShape());
                }
                from.repeat(1, frames).div(frames).copyTo(to);
                return true;
            });
        }
    }

    /** Whether {@code b} is {@code a} (filters × 1 frame × k × k) widened to {@code frames} input channels. */
    private static boolean isStemFilter(NDArray a, NDArray b, int frames) {
        long[] x = a.getShape().getShape();
        long[] y = b.getShape().getShape();
        return x.length == 4 && y.length == 4 && x[1] == 1 && y[1] == frames && x[0] == y[0] && x[2] == y[2]
                && x[3] == y[3];
    }

    private static byte[] entry(ZipFile zip, String name, Path path) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new VemsegException.Corrupt(path + ": not a vemseg encoder weights file (missing " + name + ")");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
