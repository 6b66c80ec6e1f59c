package org.vemseg.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NetworkShapeTest {

    @ParameterizedTest
    @CsvSource({"resunet,1", "resunet,3", "resunet,5", "resunet50,1", "resunet50,5", "deepem3d,1", "deepem3d,3",
        "deepem3d,5"})
    void logitsHaveInputSizeAndOneChannelPerClass(String arch, int frames) {
        NetworkSpec spec = new NetworkSpec(Architecture.fromString(arch), frames, 2, 0.125);
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = spec.newInitializedBlock(m);
            NDArray x = m.randomNormal(new Shape(2, frames, 64, 96));
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 2, 64, 96), y.getShape());
            assertTrue(Float.isFinite(y.sum().getFloat()));
        }
    }

    @Test
    void resunet50HasAResNet50EncoderAndResunetKeepsResNet18() {
        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet r50 = (ResUNet) new NetworkSpec(Architecture.RESUNET50, 5, 2, 0.125).newInitializedBlock(m);
            ResUNet r18 = (ResUNet) new NetworkSpec(Architecture.RESUNET, 5, 2, 0.125).newInitializedBlock(m);
            assertEquals(ResNetDepth.RESNET50, r50.encoder().depth());
            assertArrayEquals(new int[] {8, 32, 64, 128, 256}, r50.encoder().channels());
            assertEquals(ResNetDepth.RESNET18, r18.encoder().depth());
            assertArrayEquals(new int[] {8, 8, 16, 32, 64}, r18.encoder().channels());
        }
    }

    @Test
    void encoderAndNetworkNamesAreNotConfusedAndTheErrorSaysWhichToUse() {
        IllegalArgumentException net = assertThrows(IllegalArgumentException.class,
                () -> Architecture.fromString("resnet50"));
        assertEquals("'resnet50' is an encoder, not a network: the U-Net with it is resunet50 (valid: resunet, "
                + "resunet50, deepem3d)", net.getMessage());
        IllegalArgumentException enc = assertThrows(IllegalArgumentException.class,
                () -> ResNetDepth.fromString("resunet"));
        assertEquals("'resunet' is a network, not an encoder: its encoder is resnet18 (valid: resnet18, resnet50)",
                enc.getMessage());
        assertEquals("unknown encoder 'resnet34'; valid: resnet18, resnet50",
                assertThrows(IllegalArgumentException.class, () -> ResNetDepth.fromString("resnet34")).getMessage());
        assertEquals(Architecture.RESUNET50, ResNetDepth.fromString("ResNet50").architecture());
        assertEquals(Optional.empty(), Architecture.DEEPEM3D.encoder());
    }

    @Test
    void nearestUpsamplingRepeatsEachPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                    Layers.upsample2x(x).toFloatArray());
        }
    }

    @Test
    void encoderWeightsLoadIntoAnotherResUNet() throws Exception {
        NetworkSpec spec = new NetworkSpec(Architecture.RESUNET, 1, 2, 0.125);
        try (NDManager m = NDManager.newBaseManager()) {
            ResUNet a = (ResUNet) spec.newInitializedBlock(m);
            ResUNet b = (ResUNet) spec.newInitializedBlock(m);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.encoder().saveParameters(new DataOutputStream(bytes));
            b.encoder().loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = m.randomNormal(new Shape(1, 1, 64, 64));
            ParameterStore ps = new ParameterStore(m, false);
            NDList fa = a.encoder().forward(ps, new NDList(x), false);
            NDList fb = b.encoder().forward(ps, new NDList(x), false);
            assertArrayEquals(fa.get(4).toFloatArray(), fb.get(4).toFloatArray(), 0f);
        }
    }
}
