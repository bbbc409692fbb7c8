package io.cascadelab.gguf;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GGUF reader against a file written by the gguf package and its numpy dequantisers (bit for bit). */
class GgufFileTest {

    static final Path FILE = Path.of("src/test/resources/gguf/types.gguf");
    static final Path EXPECTED = Path.of("src/test/resources/gguf/types.json");

    @TempDir
    Path dir;

    @Test
    void everySupportedTypeDequantisesExactlyAsGgufDoes() throws Exception {
        GgufFile f = GgufFile.open(FILE);
        JsonObject tensors = Json.read(EXPECTED).getAsJsonObject("tensors");
        int checked = 0;
        for (Map.Entry<String, JsonElement> e : tensors.entrySet()) {
            JsonObject want = e.getValue().getAsJsonObject();
            GgufTensor t = f.tensor(e.getKey());
            assertNotNull(t, e.getKey());
            assertEquals(want.get("type").getAsString(), t.type().name());
            long[] shape = want.getAsJsonArray("shape").asList().stream().mapToLong(JsonElement::getAsLong).toArray();
            assertEquals(List.of(box(shape)), List.of(box(t.dims())), e.getKey() + " dims");
            if (want.get("values").isJsonNull()) {
                continue;
            }
            float[] got = f.floats(t);
            List<JsonElement> values = want.getAsJsonArray("values").asList();
            assertEquals(values.size(), got.length);
            for (int i = 0; i < got.length; i++) {
                float w = Float.parseFloat(values.get(i).getAsString());
                assertEquals(Float.floatToIntBits(w), Float.floatToIntBits(got[i]),
                        e.getKey() + " value " + i + ": want " + w + ", got " + got[i]);
            }
            checked++;
        }
        assertEquals(13, checked, "F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K");
    }

    @Test
    void metadataOfEveryValueType() throws Exception {
        GgufFile f = GgufFile.open(FILE);
        assertEquals(3, f.version());
        JsonObject want = Json.read(EXPECTED).getAsJsonObject("metadata");
        Map<String, Object> m = f.metadata();
        assertEquals("llama", m.get("general.architecture"));
        assertEquals(200L, m.get("test.u8"));
        assertEquals(-100L, m.get("test.i8"));
        assertEquals(60000L, m.get("test.u16"));
        assertEquals(-30000L, m.get("test.i16"));
        assertEquals(4000000000L, m.get("test.u32"));
        assertEquals(-2000000000L, m.get("test.i32"));
        assertEquals(1L << 40, m.get("test.u64"));
        assertEquals(-(1L << 40), m.get("test.i64"));
        assertEquals(0.25, m.get("test.f32"));
        assertEquals(1e-300, m.get("test.f64"));
        assertEquals(true, m.get("test.bool"));
        assertEquals(want.get("test.str").getAsString(), m.get("test.str"));
        assertEquals(List.of(1L, -2L, 3L), m.get("test.ints"));
        assertEquals(List.of("a", "bc", ""), m.get("test.strs"));
    }

    @Test
    void versionTwoReadsTheSame() throws Exception {
        byte[] b = Files.readAllBytes(FILE);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        GgufFile f = GgufFile.open(Files.write(dir.resolve("v2.gguf"), b));
        assertEquals(2, f.version());
        assertEquals(GgufFile.open(FILE).floats(GgufFile.open(FILE).tensor("q4_k"))[7], f.floats(f.tensor("q4_k"))[7]);
    }

    @Test
    void faultsAreNamedWithoutCrashing() throws Exception {
        byte[] good = Files.readAllBytes(FILE);
        List<String> messages = new ArrayList<>();
        byte[] magic = good.clone();
        magic[0] = 'X';
        messages.add(refused("magic.gguf", magic, "is not a GGUF file"));
        byte[] version = good.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 99);
        messages.add(refused("version.gguf", version, "GGUF version 99 is not supported"));
        messages.add(refused("header.gguf", java.util.Arrays.copyOf(good, 300), "truncated"));
        messages.add(refused("data.gguf", java.util.Arrays.copyOf(good, good.length - 100), "runs past the end of the file"));
        byte[] count = good.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putLong(16, Long.MAX_VALUE);
        messages.add(refused("count.gguf", count, "the header is damaged"));
        GgufFile f = GgufFile.open(FILE);
        ModelLoadException iq = assertThrows(ModelLoadException.class, () -> f.floats(f.tensor("iq2_xxs")));
        assertTrue(iq.getMessage().contains("'iq2_xxs' is of type IQ2_XXS"), iq.getMessage());
        for (String m : messages) {
            assertTrue(m.contains(dir.toString()), "names the file: " + m);
        }
    }

    private String refused(String name, byte[] content, String expected) throws Exception {
        Path p = Files.write(dir.resolve(name), content);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> GgufFile.open(p));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
        return e.getMessage();
    }

    private static Long[] box(long[] a) {
        Long[] r = new Long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
