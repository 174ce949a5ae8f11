package io.colisten.train.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.kernels.dsp.LogMel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tracks of one scene sound alike: their mean log-mel per band (64 numbers a track, from our
 * front end) lies closer to each other than to other scenes' tracks, and closer within a family
 * than across families. Mixed-scene tracks are left out (they sit between two scenes by design).
 */
class SceneAudioTest {
    @Test
    void meanLogMelIsCloserWithinAScene() throws IOException {
        Path dir = TinyWorld.get();
        Map<String, List<String>> scenes = WorldCorpus.scenes(dir), families = WorldCorpus.families(dir);
        LogMel mel = LogMel.vggish();
        List<String> ids = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        for (var e : scenes.entrySet()) {
            if (e.getValue().size() > 1) continue;
            ids.add(e.getKey());
            means.add(meanLogMel(mel, dir.resolve("audio/" + e.getKey() + ".wav")));
        }
        double[] sum = new double[3];
        long[] n = new long[3];
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i), b = ids.get(j);
                int kind = scenes.get(a).equals(scenes.get(b)) ? 0 : families.get(a).equals(families.get(b)) ? 1 : 2;
                sum[kind] += distance(means.get(i), means.get(j));
                n[kind]++;
            }
        }
        double same = sum[0] / n[0], family = sum[1] / n[1], other = sum[2] / n[2];
        String report = String.format("mean distance of band means: same scene %.3f, same family %.3f, other family %.3f "
                + "(%d / %d / %d pairs)", same, family, other, n[0], n[1], n[2]);
        System.out.println(report);
        assertTrue(same < 0.75 * other, report);
        assertTrue(family < other, report);
    }

    /** The mean over frames of each of the 64 log-mel bands of a 16-bit mono WAV we wrote. */
    static double[] meanLogMel(LogMel mel, Path wav) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.getShort(22), "mono");
        int n = b.getInt(40) / 2;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = b.getShort(44 + 2 * i) / 32768f;
        int frames = mel.frames(n), bands = mel.bands();
        float[] out = new float[frames * bands];
        mel.compute(out, 0, x, 0, n);
        double[] mean = new double[bands];
        for (int f = 0; f < frames; f++) for (int k = 0; k < bands; k++) mean[k] += out[f * bands + k];
        for (int k = 0; k < bands; k++) mean[k] /= frames;
        return mean;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }
}
