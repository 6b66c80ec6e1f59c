package org.vemseg.nn.bmz;

/** File names inside an exported package (flat, as bioimage.io zips are). */
final class BmzFiles {

    static final String RDF = "rdf.yaml";
    static final String WEIGHTS = "weights.pt";
    static final String ARCHITECTURE = "vemseg_networks.py";
    static final String TEST_INPUT = "test_input.npy";
    static final String TEST_OUTPUT = "test_output.npy";
    static final String COVER = "cover.png";
    static final String README = "README.md";

    private BmzFiles() {
    }
}
