"""Writes the tiny MagnaTagATune and AudioSet fixtures of DatasetReadersTest in the datasets'
real layouts (train/src/test/resources/eval/). Run from the repository root:
    python3 train/src/test/python/make_dataset_fixtures.py
MagnaTagATune: annotations_final.csv, tab-separated, every field in double quotes, clip_id, 55 tag
columns, mp3_path; 16 clips, one per mp3 folder 0..f. Tag j (0-based) has 15 - j // 4 positives
for j < 50 and 1 for the last five, so the top 50 are the first 50 columns in order.
AudioSet: two segment CSVs with the release's comment header and a class_labels_indices-style
file of three genres."""
import os

root = "train/src/test/resources/eval"
tags = ["guitar", "classical", "slow", "techno", "strings", "drums", "electronic", "rock", "fast", "piano",
        "ambient", "beat", "violin", "vocal", "synth", "female", "indian", "opera", "male", "singing",
        "vocals", "no vocals", "harpsichord", "loud", "quiet", "flute", "woman", "male vocal", "no vocal", "pop",
        "soft", "sitar", "solo", "man", "classic", "choir", "voice", "new age", "dance", "male voice",
        "female vocal", "beats", "harp", "cello", "no voice", "weird", "country", "metal", "female voice", "choral",
        "jazz", "drum", "orchestra", "funky", "trance"]
assert len(tags) == 55
count = [15 - j // 4 if j < 50 else 1 for j in range(55)]
q = lambda s: '"' + s + '"'
lines = ["\t".join([q("clip_id")] + [q(t) for t in tags] + [q("mp3_path")])]
for i in range(16):
    folder = "0123456789abcdef"[i]
    flags = ["1" if (i + j) % 16 < count[j] else "0" for j in range(55)]
    path = f"{folder}/artist_{i:02d}-album-01-track_{i:02d}-0-29.mp3"
    lines.append("\t".join([q(str(1000 + i))] + [q(f) for f in flags] + [q(path)]))
os.makedirs(f"{root}/mtat", exist_ok=True)
with open(f"{root}/mtat/annotations_final.csv", "w") as f:
    f.write("\n".join(lines) + "\n")

pop, rock, hiphop, music = "/m/064t9", "/m/06by7", "/m/0glt670", "/m/04rlf"
train = [("--trainAAA01", [music, pop]), ("-trainBBB_02", [music, rock]), ("trainCCC-003", [hiphop]),
         ("trainDDD0004", [music, pop, rock]), ("trainEEE0005", [rock]), ("trainFFF0006", [music, hiphop]),
         ("trainGGG0007", [pop]), ("trainHHH0008", [music])]
evaluation = [("evalAAAA0001", [music, pop]), ("evalBBBB0002", [rock]), ("evalCCCC0003", [hiphop, music])]
os.makedirs(f"{root}/audioset", exist_ok=True)
for name, segs in (("balanced_train_segments.csv", train), ("eval_segments.csv", evaluation)):
    labels = sorted({m for _, ms in segs for m in ms})
    with open(f"{root}/audioset/{name}", "w") as f:
        f.write("# Segments csv created Sun Mar  5 10:54:31 2017\n")
        f.write(f"# num_ytids={len(segs)}, num_segs={len(segs)}, num_unique_labels={len(labels)}, "
                f"num_positive_labels={sum(len(ms) for _, ms in segs)}\n")
        f.write("# YTID, start_seconds, end_seconds, positive_labels\n")
        for k, (ytid, ms) in enumerate(segs):
            f.write(f'{ytid}, {30 + k:.3f}, {40 + k:.3f}, "{",".join(ms)}"\n')
with open(f"{root}/audioset/genres.csv", "w") as f:
    f.write(f'index,mid,display_name\n0,{pop},"Pop music"\n1,{rock},"Rock music"\n2,{hiphop},"Hip hop music"\n')
