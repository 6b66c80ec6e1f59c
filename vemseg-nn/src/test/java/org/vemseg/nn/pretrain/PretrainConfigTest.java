package org.vemseg.nn.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vemseg.nn.model.Architecture;
import org.vemseg.nn.model.ResNetDepth;

class PretrainConfigTest {

    private static final Path PATCHES = Path.of("patches");
    private static final Path OUT = Path.of("enc.weights");

    @Test
    void theEncoderDefaultsToResNet18AndItsWidthToThatOfTheUNetWithIt() {
        PretrainConfig r18 = PretrainConfig.builder(PATCHES, OUT).build();
        assertEquals(ResNetDepth.RESNET18, r18.arch());
        assertEquals(Architecture.RESUNET.defaultWidth(), r18.width());
        PretrainConfig r50 = PretrainConfig.builder(PATCHES, OUT).optArch(ResNetDepth.RESNET50).build();
        assertEquals(ResNetDepth.RESNET50, r50.arch());
        assertEquals(Architecture.RESUNET50.defaultWidth(), r50.width());
        assertEquals(0.125, PretrainConfig.builder(PATCHES, OUT).optArch(ResNetDepth.fromString("RESNET50"))
                .optWidth(0.125).build().width());
    }

    @Test
    void aNetworkNameIsRefusedNamingItsEncoder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResNetDepth.fromString("resunet50"));
        assertEquals("'resunet50' is a network, not an encoder: its encoder is resnet50 (valid: resnet18, resnet50)",
                e.getMessage());
    }

    @Test
    void theProjectionHeadTakesTheEncodersLastChannelCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            MocoNetwork net = new MocoNetwork(ResNetDepth.RESNET50, 4, 64);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 64, 64));
            Parameter fc1 = net.getParameters().stream().filter(p -> p.getKey().startsWith("02head_01Linear_weight"))
                    .findFirst().orElseThrow().getValue();
            // ResNet-50 at base 4 ends in 32 × 4 = 128 channels; 64 hidden units
            assertEquals(new Shape(64, 128), fc1.getArray().getShape());
            NDList x = new NDList(m.randomNormal(new Shape(2, 1, 64, 64)));
            assertEquals(new Shape(2, MocoNetwork.EMBEDDING),
                    net.forward(new ParameterStore(m, false), x, false).singletonOrThrow().getShape());
        }
    }
}
