package org.vemseg.nn.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Notices;
import org.vemseg.core.VemsegException;
import org.vemseg.core.testing.EndedProcess;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.NetworkSpec;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.model.ResUNet;

class ModelBundleTest {

    @TempDir
    Path dir;

    private static ModelManifest manifest(List<NetworkSpec> specs, String version) {
        List<MemberManifest> members = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            members.add(MemberManifest.of(specs.get(i), ModelBundle.weightsEntry(i), Provenance.untrained()));
        }
        return new ModelManifest(version, "test", List.of("background", "mitochondrion"),
                new Normalisation(120, 30), new double[] {30, 10, 10}, members, 1);
    }

    @Test
    void ensembleRoundTripGivesIdenticalOutputs() {
        List<NetworkSpec> specs = List.of(new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125),
                new NetworkSpec(Architecture.DEEPEM3D, 3, 2, 0.125));
        Path file = dir.resolve("model.vsm");
        try (NDManager m = NDManager.newBaseManager()) {
            List<Block> blocks = new ArrayList<>();
            for (NetworkSpec s : specs) {
                blocks.add(s.newInitializedBlock(m));
            }
            new ModelBundle(manifest(specs, ModelManifest.FORMAT_VERSION), blocks).save(file, false);
            ModelBundle loaded = ModelBundle.load(file, m);
            assertEquals(2, loaded.members().size());
            assertEquals(30.0, loaded.manifest().normalisation().std());
            assertEquals("mitochondrion", loaded.manifest().classNames().get(1));
            ParameterStore ps = new ParameterStore(m, false);
            for (int i = 0; i < specs.size(); i++) {
                NDArray x = m.randomNormal(new Shape(1, specs.get(i).frames(), 64, 64));
                float[] before = blocks.get(i).forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                float[] after = loaded.members().get(i).forward(ps, new NDList(x), false).singletonOrThrow()
                        .toFloatArray();
                assertArrayEquals(before, after, 0f);
            }
        }
        assertEquals(List.of("model.vsm"), listNames());
    }

    @Test
    void aResunet50BundleRoundTripsAndRecordsItsArchitecture() {
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET50, 3, 2, 0.0625);
        Path file = dir.resolve("r50.vsm");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = spec.newInitializedBlock(m);
            new ModelBundle(manifest(List.of(spec), ModelManifest.FORMAT_VERSION), List.of(net)).save(file, false);
            assertEquals("resunet50", ModelBundle.readManifest(file).members().get(0).architecture());
            ModelBundle loaded = ModelBundle.load(file, m);
            assertEquals(spec, loaded.manifest().members().get(0).spec());
            ResUNet member = (ResUNet) loaded.members().get(0);
            assertEquals(ResNetDepth.RESNET50, member.encoder().depth());
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            ParameterStore ps = new ParameterStore(m, false);
            assertArrayEquals(net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(),
                    member.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(), 0f);
        }
    }

    /**
     * A manifest saying "resunet", as every bundle before ResNet-50 did, still builds a ResNet-18 U-Net, and its
     * parameters (loaded by order and shape) are laid out as then: the digest of their names and shapes was
     * computed with the code of main before ResNet-50 was added.
     */
    @Test
    void aResunetBundleFromBeforeResNet50LoadsAsResNet18WithTheSameParameterLayout() throws Exception {
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 3, 2, 0.25);
        MemberManifest old = new MemberManifest("resunet", 3, 2, 0.25, ModelBundle.weightsEntry(0),
                Provenance.untrained());
        assertEquals(spec, old.spec());
        Path file = dir.resolve("old.vsm");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = spec.newInitializedBlock(m);
            StringBuilder layout = new StringBuilder();
            for (Pair<String, Parameter> p : net.getParameters()) {
                layout.append(p.getKey()).append(' ').append(p.getValue().getArray().getShape()).append('\n');
            }
            assertEquals("8f53ad070fc3d5faffa3d1cc17be4625d892f3e68c60a9d0bed4feb680a9b9fc", HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(layout.toString().getBytes(
                            StandardCharsets.UTF_8))));
            ModelManifest manifest = new ModelManifest("1.0", "test", List.of("background", "mitochondrion"),
                    new Normalisation(120, 30), new double[] {30, 10, 10}, List.of(old), 1);
            new ModelBundle(manifest, List.of(net)).save(file, false);
            ResUNet loaded = (ResUNet) ModelBundle.load(file, m).members().get(0);
            assertEquals(ResNetDepth.RESNET18, loaded.encoder().depth());
            assertArrayEquals(ModelBundle.parameters(net), ModelBundle.parameters(loaded));
        }
    }

    /** A model file's temporaries, like a volume's: a killed save's are removed, a concurrent one's kept. */
    @Test
    void savingRemovesTheTemporaryOfAKilledSaveAndKeepsAConcurrentOne() throws Exception {
        Path dead = Files.write(dir.resolve(".m.vsm.vemseg-tmp-" + EndedProcess.pid() + "-1a2b"), new byte[10]);
        Path live = Files.write(dir.resolve(".m.vsm.vemseg-tmp-" + ProcessHandle.current().pid() + "-3c4d"),
                new byte[10]);
        List<String> notices = new ArrayList<>();
        Consumer<String> previous = Notices.redirect(notices::add);
        try (NDManager m = NDManager.newBaseManager()) {
            NetworkSpec spec = new NetworkSpec(Architecture.DEEPEM3D, 1, 2, 0.125);
            ModelManifest manifest = manifest(List.of(spec), ModelManifest.FORMAT_VERSION);
            new ModelBundle(manifest, List.of(spec.newInitializedBlock(m))).save(dir.resolve("m.vsm"), false);
        } finally {
            Notices.redirect(previous);
        }
        assertEquals(List.of(".m.vsm.vemseg-tmp-" + ProcessHandle.current().pid() + "-3c4d", "m.vsm"),
                listNames().stream().sorted().toList());
        assertTrue(Files.exists(live));
        assertEquals(List.of("removed a stale temporary of an interrupted run: " + dead.getFileName() + " (1 kB)"),
                notices);
    }

    private List<String> listNames() {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFileThatIsNotAZipIsReportedAsNotAModel() throws IOException {
        Path file = dir.resolve("model.vsm");
        Files.writeString(file, "hello");
        try (NDManager m = NDManager.newBaseManager()) {
            VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> ModelBundle.load(file, m));
            assertEquals(file + ": not a vemseg model (not a zip file)", e.getMessage());
        }
    }

    @Test
    void aZipWithoutManifestOrWeightsIsReportedAsNotAModel() throws IOException {
        Path file = dir.resolve("model.vsm");
        writeZip(file, "other.txt", "x");
        VemsegException e = assertThrows(VemsegException.Corrupt.class, () -> ModelBundle.readManifest(file));
        assertTrue(e.getMessage().startsWith(file + ": not a vemseg model (missing entry manifest.json"),
                e.getMessage());

        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125);
        writeZip(file, ModelBundle.MANIFEST_ENTRY, com.google.gson.JsonParser.parseString(
                ModelBundle.toJson(manifest(List.of(spec), "1.0"))).toString());
        try (NDManager m = NDManager.newBaseManager()) {
            VemsegException w = assertThrows(VemsegException.Corrupt.class, () -> ModelBundle.load(file, m));
            assertEquals(file + ": not a vemseg model (missing entry members/0.params)", w.getMessage());
        }
    }

    @Test
    void aFormat10ManifestWithoutDownsampleReadsAsFullResolution() throws IOException {
        Path file = dir.resolve("model-1.0.vsm");
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125);
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(
                ModelBundle.toJson(manifest(List.of(spec), "1.0"))).getAsJsonObject();
        assertTrue(json.remove("downsample") != null, "the manifest writes its downsampling factor");
        writeZip(file, ModelBundle.MANIFEST_ENTRY, json.toString());
        assertEquals(1, ModelBundle.readManifest(file).downsample());
    }

    @Test
    void anotherMajorFormatVersionNamesBothVersions() throws IOException {
        Path file = dir.resolve("model.vsm");
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125);
        writeZip(file, ModelBundle.MANIFEST_ENTRY, ModelBundle.toJson(manifest(List.of(spec), "2.3")));
        VemsegException e = assertThrows(VemsegException.Unsupported.class, () -> ModelBundle.readManifest(file));
        assertTrue(e.getMessage().contains("format version 2.3") && e.getMessage().contains("format 1.x"),
                e.getMessage());
    }

    private static void writeZip(Path file, String entry, String content) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
