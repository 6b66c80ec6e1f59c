package org.vemseg.core.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.testing.SharedData;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

class CurationInputsTest {

    @TempDir
    Path tmp;

    private Path touch(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    /**
     * The layout of ../shared/data: image folders are taken, label files and folders are not; class names
     * mark labels only in file names (a folder "membrane-prob" or "cdeep3m-mito" is kept).
     */
    @Test
    void labelsAreExcludedByDefaultButMitoFoldersAreNot() throws IOException {
        touch("cdeep3m-mito/train/images/images.010.png");
        touch("cdeep3m-mito/train/labels/mitos_3D.010.png");
        touch("isbi2012/train-volume.tif");
        touch("isbi2012/train-labels.tif");
        touch("lucchi-pp/train-images.tif");
        touch("lucchi-pp/train-mito.tif");
        touch("unlabeled/cem500k-examples/example0.tiff");
        touch("unlabeled/vnc-sstem.tif");
        touch("other/cell_mask.png");
        touch("other/membrane-prob/slice0.png");
        touch("README.md");
        touch(".hidden/x.tif");
        touch("out/.curated.vemseg-tmp-1/patches/0.png");
        CurationInputs.Scan scan = CurationInputs.scan(List.of(tmp), List.of(), true, null);
        List<String> taken = scan.sources().stream().map(s -> tmp.relativize(s.location().path()).toString()).toList();
        assertEquals(List.of("cdeep3m-mito/train/images/images.010.png", "isbi2012/train-volume.tif",
                "lucchi-pp/train-images.tif", "other/membrane-prob/slice0.png",
                "unlabeled/cem500k-examples/example0.tiff", "unlabeled/vnc-sstem.tif"),
                taken);
        List<String> excluded = scan.skipped().stream().map(s -> tmp.relativize(Path.of(s.path())).toString()).toList();
        assertEquals(List.of("cdeep3m-mito/train/labels/mitos_3D.010.png", "isbi2012/train-labels.tif",
                "lucchi-pp/train-mito.tif", "other/cell_mask.png"), excluded);
    }

    @Test
    void noExclusionsTakeEverythingAndExplicitFilesAreChecked() throws IOException {
        Path label = touch("a/train-labels.tif");
        touch("a/img.png");
        assertEquals(2, CurationInputs.scan(List.of(tmp.resolve("a")), List.of(), false, null).sources().size());
        CurationInputs.Scan single = CurationInputs.scan(List.of(label), List.of(), true, null);
        assertEquals(0, single.sources().size());
        assertEquals("excluded (label: 'labels')", single.skipped().get(0).reason());
        assertEquals(1, CurationInputs.scan(List.of(tmp.resolve("a")), List.of("*.png"), false, null).sources().size());
        assertThrows(VemsegException.IO.class,
                () -> CurationInputs.scan(List.of(tmp.resolve("missing")), List.of(), true, null));
    }

    /** An HDF5 file in a folder: each dataset is a source, label datasets are skipped by their path. */
    @Test
    void hdf5DatasetsAreSourcesAndLabelDatasetsAreSkipped() {
        Path formats = SharedData.require("formats");
        CurationInputs.Scan scan = CurationInputs.scan(List.of(formats), List.of(), true, null);
        String h5 = formats.resolve("isbi-crop.h5").toString();
        assertTrue(scan.sources().stream().anyMatch(s -> s.name().equals(h5 + ":/volumes/raw")), scan.toString());
        assertTrue(scan.skipped().stream().anyMatch(s -> s.path().equals(h5 + ":/volumes/labels/membrane")),
                scan.toString());
        CurationInputs.Scan direct = CurationInputs.scan(List.of(Path.of(h5 + ":/volumes/raw")), List.of(), true, null);
        assertEquals("/volumes/raw", direct.sources().get(0).location().dataset().orElseThrow());
    }

    @Test
    void theOutputFolderInsideAnInputIsNotRead() throws IOException {
        touch("data/img.png");
        touch("data/curated/patches/0000/00000000.png");
        CurationInputs.Scan scan = CurationInputs.scan(List.of(tmp.resolve("data")), List.of(), true,
                tmp.resolve("data/curated"));
        assertEquals(1, scan.sources().size());
    }

    /**
     * Containers are expanded by their format's listing, whatever the format: a Zarr group in a folder gives
     * each image it holds, and the label image is skipped by its name; a Zarr image is one volume.
     */
    @Test
    void zarrGroupImagesAreSourcesAndTheLabelImageIsSkipped() throws IOException {
        Path group = Files.createDirectories(tmp.resolve("data/group.zarr"));
        Files.writeString(group.resolve(".zgroup"), "{\"zarr_format\": 2}");
        Block data = Block.allocate(Box.ofShape(1, 4, 4), DataType.UINT8);
        for (String name : List.of("raw.zarr", "labels.zarr")) {
            Volumes.write(VolumeLocation.of(group.resolve(name)), data, Optional.empty(), WriteOptions.defaults());
        }
        Volumes.write(VolumeLocation.of(tmp.resolve("data/image.ome.zarr")), data, Optional.empty(),
                WriteOptions.defaults());
        CurationInputs.Scan scan = CurationInputs.scan(List.of(tmp.resolve("data")), List.of(), true, null);
        assertEquals(List.of(group + ":/raw.zarr", tmp.resolve("data/image.ome.zarr").toString()),
                scan.sources().stream().map(CurationInputs.Source::name).toList());
        assertEquals(List.of(group + ":/labels.zarr"),
                scan.skipped().stream().map(CurationInputs.Skipped::path).toList());
    }
}
