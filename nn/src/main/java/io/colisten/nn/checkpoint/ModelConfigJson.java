package io.colisten.nn.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.colisten.nn.models.ModelConfig;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ModelConfig} as compact JSON, the checkpoint's "config" metadata:
 * {@code {"name":"smallcnn","embedding_size":128,"width":1.0,"frames":300,"bands":64}}.
 * Reading is strict: every key present once, no other key (a field this version does not know
 * could change the network), numbers of the right kind.
 */
public final class ModelConfigJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    static final List<String> KEYS = List.of("name", "embedding_size", "width", "frames", "bands");

    private ModelConfigJson() {}

    public static String write(ModelConfig c) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeNumberField("embedding_size", c.embeddingSize());
            g.writeNumberField("width", c.width());
            g.writeNumberField("frames", c.frames());
            g.writeNumberField("bands", c.bands());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("model config: writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /** Parses {@code json}; a problem is an IllegalArgumentException saying what is wrong. */
    public static ModelConfig read(String json) {
        String name = null;
        int embedding = 0, frames = 0, bands = 0;
        double width = 0;
        Set<String> seen = new HashSet<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not a JSON object");
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                if (!KEYS.contains(key)) throw new IllegalArgumentException("unknown key '" + key + "' (known: " + KEYS + ")");
                if (!seen.add(key)) throw new IllegalArgumentException("key '" + key + "' appears twice");
                JsonToken v = p.nextToken();
                switch (key) {
                    case "name" -> {
                        if (v != JsonToken.VALUE_STRING) throw new IllegalArgumentException("name must be a string");
                        name = p.getText();
                    }
                    case "width" -> {
                        if (!v.isNumeric()) throw new IllegalArgumentException("width must be a number");
                        width = p.getDoubleValue();
                    }
                    default -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            throw new IllegalArgumentException(key + " must be an integer");
                        }
                        int n = p.getIntValue();
                        switch (key) {
                            case "embedding_size" -> embedding = n;
                            case "frames" -> frames = n;
                            default -> bands = n;
                        }
                    }
                }
            }
            if (p.nextToken() != null) throw new IllegalArgumentException("text after the JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        for (String k : KEYS) if (!seen.contains(k)) throw new IllegalArgumentException("key '" + k + "' is missing");
        return new ModelConfig(name, embedding, width, frames, bands);
    }
}
