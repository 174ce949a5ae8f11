package io.colisten.nn.models;

import io.colisten.kernels.cpu.ChannelsLast;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.MaxPool2d;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out MobileNetInference's plan for one input plane h x w: the steps in order (stem conv,
 * then per block depthwise and pointwise, the extra max-pool after block 0, the mean), each
 * reading where the one before wrote, and the per-thread arena they share. Arena regions:
 * the stem's padded input plane, two per-image ping-pong regions (steps of the blocks before the
 * split, one image at a time, image stride 0) and two group regions (the rest, `group` images
 * side by side, image stride = one image's plane). A step's output is a padded plane (zero border
 * of one position) when a depthwise conv reads it next, else dense; dense group planes are
 * contiguous across images, which the pointwise GEMM needs. When block 0 is a stride-1 block
 * followed by the extra pool, the first four steps run as a StemBand with three band regions of
 * their own; the pool then writes the first ping-pong region.
 */
final class InferencePlanner {
    private static final int STEM_PAD = 0, P = 1, Q = 2, GP = 3, GQ = 4, BAND_STEM = 5, BAND_DW = 6, BAND_PW = 7, REGIONS = 8;

    private final List<InferenceStep> steps = new ArrayList<>();
    private final List<int[]> places = new ArrayList<>();   // per step: src {region, interior offset}, dst {...}
    private final long[] regionSize = new long[REGIONS];
    private final int[] regionBase = new int[REGIONS];
    private final int group;
    private int split = -1, packed, scratch, features, curRegion;
    private StemBand band;
    private int curInterior, curImage, curRow, curBorder;

    InferencePlanner(MobileNetV1 net, int h, int w, int group, int splitBlock, boolean allowBand) {
        this.group = group;
        Conv2d c1 = net.conv1();
        if (c1.weight().dim(1) != 1 || c1.groups() != 1) {
            throw new IllegalArgumentException(c1.name() + ": the channels-last path needs one input channel");
        }
        int cp0 = ChannelsLast.padChannels(c1.weight().dim(0));
        int kh = c1.weight().dim(2), kw = c1.weight().dim(3);
        int oh = (h + 2 * c1.padH() - kh) / c1.strideH() + 1, ow = (w + 2 * c1.padW() - kw) / c1.strideW() + 1;
        int pinRow = w + 2 * c1.padW();
        regionSize[STEM_PAD] = (long) (h + 2 * c1.padH()) * pinRow;
        curRegion = STEM_PAD;
        curInterior = 0;
        curRow = pinRow;
        curImage = 0;
        curBorder = 0;
        DepthwiseSeparableBlock[] blocks = net.blocks();
        splitBlock = Math.max(1, Math.min(splitBlock, blocks.length));
        boolean banded = allowBand && net.extraPoolAfter() == 0 && blocks[0].depthwise().strideH() == 1
                && blocks[0].depthwise().strideW() == 1;
        boolean perImage = splitBlock > 0;
        add(new InferenceStep(InferenceStep.Kind.STEM, c1.name(), h, w, 1, 1, oh, ow, c1.weight().dim(0), cp0, kh, kw,
                c1.strideH(), c1.strideW(), c1.padH(), c1.padW(), c1, net.bn1()), perImage, true, banded ? BAND_STEM : -1);
        int c = c1.weight().dim(0);
        for (int b = 0; b < blocks.length; b++) {
            DepthwiseSeparableBlock blk = blocks[b];
            perImage = b < splitBlock;
            if (!perImage && split < 0) split = steps.size();
            Conv2d dw = blk.depthwise(), pw = blk.pointwise();
            if (dw.weight().dim(2) != 3 || dw.weight().dim(3) != 3 || dw.padH() != 1 || dw.padW() != 1 || dw.groups() != c) {
                throw new IllegalArgumentException(dw.name() + ": the channels-last path needs a 3x3 depthwise conv padded by 1");
            }
            if (pw.weight().dim(2) != 1 || pw.weight().dim(3) != 1 || pw.strideH() != 1 || pw.strideW() != 1
                    || pw.padH() != 0 || pw.padW() != 0 || pw.groups() != 1) {
                throw new IllegalArgumentException(pw.name() + ": the channels-last path needs an unpadded 1x1 conv at stride 1");
            }
            int cp = ChannelsLast.padChannels(c);
            int dh = (oh + 2 - 3) / dw.strideH() + 1, dwd = (ow + 2 - 3) / dw.strideW() + 1;
            add(new InferenceStep(InferenceStep.Kind.DEPTHWISE, dw.name(), oh, ow, c, cp, dh, dwd, c, cp, 3, 3,
                    dw.strideH(), dw.strideW(), 1, 1, dw, blk.bn1()), perImage, false, banded && b == 0 ? BAND_DW : -1);
            oh = dh;
            ow = dwd;
            int cOut = pw.weight().dim(0), cpOut = ChannelsLast.padChannels(cOut);
            boolean pooled = b == net.extraPoolAfter();
            boolean last = b == blocks.length - 1;
            boolean lastPerImage = perImage && b == splitBlock - 1;
            add(new InferenceStep(InferenceStep.Kind.POINTWISE, pw.name(), oh, ow, c, cp, oh, ow, cOut, cpOut, 1, 1, 1, 1,
                    0, 0, pw, blk.bn2()), perImage && !(lastPerImage && !pooled), !pooled && !last,
                    banded && b == 0 ? BAND_PW : -1);
            c = cOut;
            if (pooled) {
                MaxPool2d mp = net.extraPool();
                if (!mp.unpadded()) throw new IllegalArgumentException(mp.name() + ": the channels-last path needs an unpadded pool");
                if (oh < mp.kernelH() || ow < mp.kernelW()) {
                    throw new IllegalArgumentException(mp.name() + ": input " + c + "x" + oh + "x" + ow + " is smaller than the "
                            + mp.kernelH() + "x" + mp.kernelW() + " window");
                }
                int ph = (oh - mp.kernelH()) / mp.strideH() + 1, pwid = (ow - mp.kernelW()) / mp.strideW() + 1;
                add(new InferenceStep(InferenceStep.Kind.MAXPOOL, mp.name(), oh, ow, c, cpOut, ph, pwid, c, cpOut,
                        mp.kernelH(), mp.kernelW(), mp.strideH(), mp.strideW(), 0, 0, null, null),
                        perImage && !lastPerImage, true, -1);
                scratch = Math.max(scratch, 2 * ((pwid - 1) * mp.strideW() + mp.kernelW()) * cpOut);
                oh = ph;
                ow = pwid;
            }
        }
        if (split < 0) split = steps.size();
        if (banded) {
            band = new StemBand(steps.get(0), steps.get(1), steps.get(2), steps.get(3));
            regionSize[BAND_STEM] = band.stemBufferSize();
            regionSize[BAND_DW] = band.dwBufferSize();
            regionSize[BAND_PW] = band.pwBufferSize();
        }
        int cp = ChannelsLast.padChannels(c);
        InferenceStep mean = new InferenceStep(InferenceStep.Kind.MEAN, "tf_pool", oh, ow, c, cp, 1, 1, c, cp, 0, 0, 0, 0,
                0, 0, null, null);
        mean.src = new InferenceStep.Loc(0, curImage, curRow, curBorder);
        mean.dst = new InferenceStep.Loc(0, 0, 0, 0);   // writes the features tensor, not the arena
        steps.add(mean);
        places.add(new int[] {curRegion, curInterior, -1, 0});
        scratch = Math.max(scratch, cp);
        features = c;
        resolve();
    }

    /**
     * Appends a step reading the current location and writing a new one in the per-image or group
     * regions, or in `fixedRegion` (a StemBand buffer, sized by the band; its locations unused).
     */
    private void add(InferenceStep s, boolean perImageOut, boolean paddedOut, int fixedRegion) {
        int border = paddedOut && fixedRegion < 0 ? 1 : 0;
        int row = (s.ow + 2 * border) * s.cpOut;
        long plane = (long) (s.oh + 2 * border) * row;
        int region = fixedRegion >= 0 ? fixedRegion : perImageOut ? (curRegion == P ? Q : P) : (curRegion == GP ? GQ : GP);
        int image = perImageOut ? 0 : (int) plane;
        if (fixedRegion < 0) regionSize[region] = Math.max(regionSize[region], perImageOut ? plane : plane * group);
        int interior = border * (row + s.cpOut);
        steps.add(s);
        places.add(new int[] {curRegion, curInterior, region, interior});
        s.src = new InferenceStep.Loc(0, curImage, curRow, curBorder);
        s.dst = new InferenceStep.Loc(0, image, row, border);
        curRegion = region;
        curInterior = interior;
        curImage = image;
        curRow = row;
        curBorder = border;
        if (s.conv != null) {
            s.wOff = packed;
            packed += s.weightSize();
            s.bOff = packed;
            packed += s.cpOut;
        }
    }

    /** Region bases, then every step's absolute locations; the scale scratches after the packed weights. */
    private void resolve() {
        long base = 0;
        for (int r = 0; r < REGIONS; r++) {
            regionBase[r] = (int) base;
            base += regionSize[r];
        }
        if (base > Integer.MAX_VALUE - 64) throw new IllegalArgumentException("mobilenet inference: input plane too large");
        for (int k = 0; k < steps.size(); k++) {
            InferenceStep s = steps.get(k);
            int[] pl = places.get(k);
            s.src = new InferenceStep.Loc(regionBase[pl[0]] + pl[1], s.src.image(), s.src.row(), s.src.border());
            if (pl[2] >= 0) s.dst = new InferenceStep.Loc(regionBase[pl[2]] + pl[3], s.dst.image(), s.dst.row(), s.dst.border());
        }
        for (InferenceStep s : steps) {   // each its own scale scratch, so that steps can pack in parallel
            if (s.conv == null) continue;
            s.scaleOff = packed;
            packed += s.cpOut;
        }
    }

    InferenceStep[] steps() { return steps.toArray(new InferenceStep[0]); }

    int split() { return split; }

    int arenaSize() { return (int) (regionBase[REGIONS - 1] + regionSize[REGIONS - 1]); }

    int stemPadBase() { return regionBase[STEM_PAD]; }

    int packedSize() { return packed; }

    int scratchSize() { return scratch; }

    int features() { return features; }

    /** The banded first four steps, or null when they run one after the other. */
    StemBand band() { return band; }

    int bandStemBase() { return regionBase[BAND_STEM]; }

    int bandDwBase() { return regionBase[BAND_DW]; }

    int bandPwBase() { return regionBase[BAND_PW]; }
}
