package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SparkSubmitMainTest {

    @Test
    void theMasterIsSparkSubmitsUnlessTheArgumentsNameOne() {
        assertArrayEquals(new String[] {"convert", "in.tif", "out.zarr", "--spark="},
                SparkSubmitMain.withSpark("convert", "in.tif", "out.zarr"));
        assertArrayEquals(new String[] {"convert", "in.tif", "out.zarr", "--spark", "local[2]"},
                SparkSubmitMain.withSpark("convert", "in.tif", "out.zarr", "--spark", "local[2]"));
    }

    @Test
    void withoutSparkOnTheClassPathTheCommandSaysHowToGetItInOneLine() {
        StringWriter err = new StringWriter();
        int code = VemsegCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                SparkSubmitMain.withSpark("convert", "in.tif", "out.zarr"));
        assertEquals(VemsegCli.BAD_INPUT, code);
        assertEquals("vemseg: error: --spark needs vemseg-spark and Apache Spark on the class path: run through "
                + "./vemseg, which adds them when --spark is given, or with spark-submit", err.toString().strip());
        assertTrue(err.toString().strip().lines().count() == 1);
    }
}
