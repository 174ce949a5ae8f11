package io.colisten.nn.models;

import io.colisten.nn.modules.LayerTable;
import io.colisten.nn.modules.StateEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Our networks against their PyTorch definitions (bench/peer/models.py), through the golden files
 * that nn/src/test/python/make_model_golden.py wrote: the state_dict (names, dtypes, shapes, in
 * order) and the layer table (every leaf-layer call in forward order, its output shape, own
 * parameters and MACs) must be identical, and the totals are the exact counts derived in
 * notes/models.md.
 */
class ModelsGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"smallcnn", "mobilenet", "resnet18"})
    void stateDictMatchesPyTorch(String name) throws IOException {
        EmbeddingNetwork net = Models.create(name, 1);
        List<String> ours = new ArrayList<>();
        for (StateEntry e : net.state().entries()) {
            ours.add(e.name() + " " + e.dtype() + " " + shape(e.shape(), ","));
        }
        assertEquals(golden(name + ".state.txt"), ours, name + " state_dict");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smallcnn", "mobilenet", "resnet18"})
    void layerTableMatchesPyTorch(String name) throws IOException {
        LayerTable t = Models.create(name, 1).layerTable();
        List<String> ours = new ArrayList<>();
        for (LayerTable.Row r : t.rows()) {
            ours.add(r.name() + " " + shape(r.shape(), ",") + " " + r.parameters() + " " + r.macs());
        }
        assertEquals(golden(name + ".layers.txt"), ours, name + " layer table");
    }

    @ParameterizedTest
    @CsvSource({"smallcnn, 519968, 530089984", "mobilenet, 687640, 47990656", "resnet18, 11235008, 685629440"})
    void countsAreTheDerivedFigures(String name, long parameters, long macs) {
        EmbeddingNetwork net = Models.create(name, 1);
        LayerTable t = net.layerTable();
        assertEquals(parameters, t.parameters(), name + " parameters in the table");
        assertEquals(parameters, net.parameters().count(), name + " parameters registered");
        assertEquals(macs, t.macs(), name + " MACs per window");
    }

    private static String shape(int[] s, String sep) {
        if (s.length == 0) return "-";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : sep).append(s[i]);
        return sb.toString();
    }

    static List<String> golden(String file) throws IOException {
        try (InputStream in = ModelsGoldenTest.class.getResourceAsStream("/golden/models/" + file)) {
            assertNotNull(in, "missing golden file " + file);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String l : text.split("\n")) if (!l.isBlank()) lines.add(l.strip());
            return lines;
        }
    }
}
