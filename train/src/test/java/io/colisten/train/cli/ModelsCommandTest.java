package io.colisten.train.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsCommandTest {
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Colisten.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void jsonListsTheThreeNetworksWithCountedFigures() throws Exception {
        assertEquals(0, run("models", "--json"), err.toString());
        JsonNode list = new ObjectMapper().readTree(out.toString());
        assertEquals(3, list.size());
        assertEquals("smallcnn", list.get(0).get("name").asText());
        assertEquals(519_968L, list.get(0).get("parameters").asLong());
        assertEquals(530_089_984L, list.get(0).get("macs").asLong());
        assertEquals("mobilenet", list.get(1).get("name").asText());
        assertEquals(687_640L, list.get(1).get("parameters").asLong());
        assertEquals("resnet18", list.get(2).get("name").asText());
        assertEquals(11_235_008L, list.get(2).get("parameters").asLong());
        assertEquals(685_629_440L, list.get(2).get("macs").asLong());
    }

    @Test
    void oneModelsTableWithThePapersFigures() {
        assertEquals(0, run("models", "--model", "ResNet18"), err.toString());
        String s = out.toString();
        assertTrue(s.contains("layer4.1.conv2") && s.contains("512x5x4"), s);
        assertTrue(s.contains("counted: 11,235,008 parameters, 685,629,440 MACs per window"), s);
        assertTrue(s.contains("paper:   11,200,000 parameters, 686,000,000 multiplies"), s);
        assertTrue(!s.contains("smallcnn"), "only the one network");
    }

    @Test
    void unknownModelIsAUsageErrorNamingIt() {
        assertEquals(2, run("models", "--model", "vgg16"));
        assertTrue(err.toString().contains("'vgg16'") && err.toString().contains("smallcnn"), err.toString());
    }
}
