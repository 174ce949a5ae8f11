package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.SafeTensorsException;
import io.colisten.engine.io.TensorData;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network's state_dict through safetensors: round trip with counters, and errors that name file and tensor. */
class ModuleStateFilesTest {
    @TempDir
    Path dir;

    private static EmbeddingNetwork net(double width, long seed) {
        return Models.create(ModelConfig.of("smallcnn").withWidth(width), seed);
    }

    @Test
    void roundTripRestoresEveryEntry() throws Exception {
        EmbeddingNetwork a = net(0.25, 1);
        a.state().entry("bn2.num_batches_tracked").counter().set(41);
        a.state().entry("bn3.running_var").tensor().copyFrom(new float[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
        Path f = dir.resolve("w.safetensors");
        ModuleStateFiles.save(f, a.state(), Map.of("model", "smallcnn"));
        EmbeddingNetwork b = net(0.25, 2);
        assertEquals(Set.of(), ModuleStateFiles.load(f, b.state()));
        for (StateEntry e : a.state().entries()) {
            StateEntry o = b.state().entry(e.name());
            if (e.kind() == StateEntry.Kind.COUNTER) assertEquals(e.counter().get(), o.counter().get(), e.name());
            else assertArrayEquals(e.tensor().toArray(), o.tensor().toArray(), e.name());
        }
        assertEquals("int64", a.state().entry("bn1.num_batches_tracked").dtype());
        assertEquals("smallcnn", SafeTensors.read(f).metadata().get("model"));
    }

    @Test
    void wrongShapeMissingTensorAndWrongDtypeAreNamedAndNothingIsCopied() throws Exception {
        Path f = dir.resolve("narrow.safetensors");
        ModuleStateFiles.save(f, net(0.25, 1).state(), null);
        EmbeddingNetwork wide = net(0.5, 3);
        float[] before = wide.state().entry("conv1.weight").tensor().toArray();
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> ModuleStateFiles.load(f, wide.state()));
        assertTrue(e.getMessage().contains("narrow.safetensors") && e.getMessage().contains("conv1.weight"), e.getMessage());
        assertArrayEquals(before, wide.state().entry("conv1.weight").tensor().toArray(), "nothing copied");

        Map<String, TensorData> t = new LinkedHashMap<>(ModuleStateFiles.tensors(net(0.25, 1).state()));
        t.remove("bn4.running_mean");
        Path missing = dir.resolve("missing.safetensors");
        SafeTensors.write(missing, t, null);
        e = assertThrows(SafeTensorsException.class, () -> ModuleStateFiles.load(missing, net(0.25, 1).state()));
        assertTrue(e.getMessage().contains("missing.safetensors") && e.getMessage().contains("bn4.running_mean"), e.getMessage());

        t = new LinkedHashMap<>(ModuleStateFiles.tensors(net(0.25, 1).state()));
        t.put("bn1.num_batches_tracked", TensorData.of(Tensor.zeros(new int[0])));
        Path floatCounter = dir.resolve("float-counter.safetensors");
        SafeTensors.write(floatCounter, t, null);
        e = assertThrows(SafeTensorsException.class, () -> ModuleStateFiles.load(floatCounter, net(0.25, 1).state()));
        assertTrue(e.getMessage().contains("bn1.num_batches_tracked") && e.getMessage().contains("int64"), e.getMessage());
    }
}
