package org.vemseg.nn.bmz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.nn.bundle.ModelBundle;
import org.vemseg.nn.bundle.ModelManifest;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.predict.TinyModels;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code vemseg export --bmz} on tiny trained models: the rdf.yaml has the fields bioimage.io's model spec 0.5
 * requires, with checksums of the files it names, and a real PyTorch (bench/bmz/check.py) reproduces the test
 * output from the exported state dict and architecture within 1e-4, for every architecture and frame count.
 */
class BmzExportTest {

    private static final BmzOptions OPTIONS = new BmzOptions(List.of("A. Tester"), "CC-BY-4.0", false);
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void rdfHasTheRequiredFieldsAndChecksumsOfItsFiles() throws IOException {
        Path model = TinyModels.of(Architecture.RESUNET, 11, 40);
        Path zip = BmzExport.export(model, dir.resolve("m.zip"), OPTIONS).get(0);
        Map<String, byte[]> files = unzip(zip);
        assertFalse(new String(files.get("rdf.yaml"), StandardCharsets.UTF_8).contains("&id"), "no YAML anchors");
        Map<String, Object> rdf = new Yaml().load(new String(files.get("rdf.yaml"), StandardCharsets.UTF_8));
        for (String k : List.of("type", "format_version", "name", "description", "authors", "cite", "license",
                "documentation", "inputs", "outputs", "weights", "covers", "tags", "timestamp")) {
            assertTrue(rdf.containsKey(k), "rdf.yaml lacks " + k);
        }
        assertEquals("model", rdf.get("type"));
        assertTrue(rdf.get("format_version").toString().startsWith("0.5."));
        assertTrue(rdf.get("name").toString().matches("[A-Za-z0-9 _()-]{5,128}"), rdf.get("name").toString());
        assertEquals("A. Tester", map(list(rdf.get("authors")).get(0)).get("name"));
        for (Object c : list(rdf.get("cite"))) {
            assertTrue(map(c).containsKey("text") && (map(c).containsKey("doi") || map(c).containsKey("url")));
        }
        assertTrue(files.containsKey(rdf.get("documentation").toString()));
        assertTrue(files.containsKey(list(rdf.get("covers")).get(0).toString()));

        ModelManifest manifest = ModelBundle.readManifest(model);
        Map<String, Object> in = map(list(rdf.get("inputs")).get(0));
        List<Object> inAxes = list(in.get("axes"));
        assertEquals(List.of("batch", "channel", "space", "space"), inAxes.stream().map(a -> map(a).get("type"))
                .toList());
        assertEquals(List.of("z"), map(inAxes.get(1)).get("channel_names"));
        Map<String, Object> ySize = map(map(inAxes.get(2)).get("size"));
        assertEquals(32, ySize.get("step"));
        int halo = org.vemseg.nn.model.Architecture.RESUNET.defaultHalo();
        assertEquals(2 * halo + 32, ySize.get("min"), "two halos (the network's default) plus one step");
        Map<String, Object> norm = map(map(list(in.get("preprocessing")).get(1)).get("kwargs"));
        assertEquals("fixed_zero_mean_unit_variance", map(list(in.get("preprocessing")).get(1)).get("id"));
        assertEquals(manifest.normalisation().mean(), ((Number) norm.get("mean")).doubleValue());
        assertEquals(manifest.normalisation().std(), ((Number) norm.get("std")).doubleValue());
        Map<String, Object> out = map(list(rdf.get("outputs")).get(0));
        Map<String, Object> outY = map(list(out.get("axes")).get(2));
        assertEquals(halo, outY.get("halo"));
        assertEquals(Map.of("tensor_id", "raw", "axis_id", "y"), outY.get("size"));
        assertEquals(manifest.classNames().size(), ((List<?>) map(list(out.get("axes")).get(1))
                .get("channel_names")).size());

        Map<String, Object> w = map(map(rdf.get("weights")).get("pytorch_state_dict"));
        Map<String, Object> arch = map(w.get("architecture"));
        assertEquals("ResUNet", arch.get("callable"));
        assertEquals("resnet18", map(arch.get("kwargs")).get("encoder"));
        for (Map<String, Object> ref : List.of(w, arch, map(in.get("test_tensor")), map(out.get("test_tensor")))) {
            byte[] bytes = files.get(ref.get("source").toString());
            assertTrue(bytes != null, ref.get("source") + " is not in the package");
            assertEquals(Sha256.of(bytes), ref.get("sha256"), "sha256 of " + ref.get("source"));
        }
        float[] probabilities = Npy.readFloat32(files.get("test_output.npy")).orElseThrow().values();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float p : probabilities) {
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        assertTrue(lo >= 0 && hi <= 1 && hi - lo > 0.1, "test output has structure: " + lo + " .. " + hi);
        String readme = new String(files.get("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("iterations: 40"), readme);
        assertTrue(readme.contains("validation IoU per class"), readme);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(files.get("cover.png"), 4));
    }

    @Test
    void pyTorchReproducesEachArchitecture() {
        assumeTrue(PyTorch.python().isPresent(), "no python3 with torch, numpy and yaml (apt install python3-torch "
                + "python3-yaml): the PyTorch check is skipped");
        List<Path> packages = List.of(
                BmzExport.export(TinyModels.of(Architecture.RESUNET, 11, 40), dir.resolve("resunet.zip"), OPTIONS)
                        .get(0),
                BmzExport.export(TinyModels.of(Architecture.RESUNET50, 11, 40), dir.resolve("resunet50.zip"), OPTIONS)
                        .get(0),
                BmzExport.export(TinyModels.of(Architecture.DEEPEM3D, 11, 40), dir.resolve("deepem3d.zip"), OPTIONS)
                        .get(0));
        assertReproduced(packages);
        // the comparison is live: float32 arithmetic in two engines differs a little, so tolerance 0 fails
        PyTorch.Result strict = PyTorch.check(packages.subList(0, 1), 0);
        assertEquals(1, strict.exitCode(), strict.output());
        assertTrue(strict.output().startsWith("FAIL"), strict.output());
    }

    @Test
    void pyTorchReproducesADownsampledModel() {
        assumeTrue(PyTorch.python().isPresent(), "no python3 with torch, numpy and yaml: the PyTorch check is skipped");
        Path model = TinyModels.resunetDownsampled(11, 20, 2, 1);
        assertReproduced(BmzExport.export(model, dir.resolve("down.zip"), OPTIONS));
    }

    @Test
    void ensembleExportsOnePackagePerMemberAndPyTorchReproducesEach() {
        Path model = TinyModels.ensemble(Architecture.DEEPEM3D, 6, 15, 1, 3, 5);
        List<Path> packages = BmzExport.export(model, dir.resolve("ens.zip"), OPTIONS);
        assertEquals(List.of(dir.resolve("ens-member1-1f.zip"), dir.resolve("ens-member2-3f.zip"),
                dir.resolve("ens-member3-5f.zip")), packages);
        assertFalse(Files.exists(dir.resolve("ens.zip")));
        assumeTrue(PyTorch.python().isPresent(), "no python3 with torch, numpy and yaml: the PyTorch check is skipped");
        assertReproduced(packages);
    }

    @Test
    void existingPackageIsNotReplacedWithoutOverwrite() throws IOException {
        Path target = dir.resolve("taken.zip");
        Files.writeString(target, "mine");
        Path model = TinyModels.of(Architecture.RESUNET, 11, 40);
        VemsegException e = assertThrows(VemsegException.class, () -> BmzExport.export(model, target, OPTIONS));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertEquals("mine", Files.readString(target));
        BmzExport.export(model, target, new BmzOptions(List.of("A. Tester"), "MIT", true));
        assertTrue(unzip(target).containsKey("rdf.yaml"));
    }

    private static void assertReproduced(List<Path> packages) {
        PyTorch.Result r = PyTorch.check(packages);
        System.out.print(r.output()); // the measured differences, for the build log
        assertEquals(0, r.exitCode(), r.output());
        Matcher m = Pattern.compile("max \\|diff\\| = (\\S+)").matcher(r.output());
        int seen = 0;
        while (m.find()) {
            double diff = Double.parseDouble(m.group(1));
            assertTrue(diff <= TOLERANCE, r.output());
            seen++;
        }
        assertEquals(packages.size(), seen, r.output());
    }

    /** The values of a float32 {@code .npy} (header length at byte 8, little-endian values after the header). */

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                files.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
