"""The three embedding networks of the paper (section 4) in PyTorch, with the same structure and
state_dict names as ours (nn/src/main/java/io/colisten/nn/models). Input N x 1 x 300 x 64 (height =
time frames, width = mel bands); output N x 128, l2-normalised rows.

Geometry (notes/models.md): convolutions are padded to keep "same" size before striding (k // 2 on
each side), max-pools are not padded (PyTorch floor mode); batch norm after every convolution
(momentum 0.1, eps 1e-5), no convolution bias; each network ends with time-frequency pooling (the
mean over time and mel), a 128-unit linear layer and l2 normalisation.

Every stateless step is its own module so that forward hooks see the same layer sequence as our
layer tables (make_model_golden.py).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

EMBEDDING = 128


class TimeFreqPool(nn.Module):
    """N x C x T x F -> N x C: the mean over time and frequency."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


class L2Norm(nn.Module):
    def forward(self, x):
        return F.normalize(x, p=2.0, dim=1, eps=1e-12)


def conv(cin, cout, k, stride, groups=1):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=(k[0] // 2, k[1] // 2), groups=groups, bias=False)


class SmallCNN(nn.Module):
    """[conv(7x5, 2x1), max(4x2, 2x1), conv(7x5, 2x1) x 3, max(4x2, 2x1)], channels 32-64-64-128."""

    CHANNELS = (32, 64, 64, 128)

    def __init__(self, width=1.0, embedding=EMBEDDING):
        super().__init__()
        c = [max(1, int(ch * width)) for ch in self.CHANNELS]
        cin = 1
        for i, ch in enumerate(c, start=1):
            setattr(self, f"conv{i}", conv(cin, ch, (7, 5), (2, 1)))
            setattr(self, f"bn{i}", nn.BatchNorm2d(ch))
            setattr(self, f"relu{i}", nn.ReLU())
            if i == 1:
                self.pool1 = nn.MaxPool2d((4, 2), (2, 1))
            cin = ch
        self.pool2 = nn.MaxPool2d((4, 2), (2, 1))
        self.tf_pool = TimeFreqPool()
        self.fc = nn.Linear(cin, embedding)
        self.l2norm = L2Norm()

    def forward(self, x):
        x = self.pool1(self.relu1(self.bn1(self.conv1(x))))
        x = self.relu2(self.bn2(self.conv2(x)))
        x = self.relu3(self.bn3(self.conv3(x)))
        x = self.pool2(self.relu4(self.bn4(self.conv4(x))))
        return self.l2norm(self.fc(self.tf_pool(x)))


class DepthwiseSeparable(nn.Module):
    """depthwise 3x3 (stride s) -> bn -> relu -> pointwise 1x1 -> bn -> relu."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.depthwise = conv(cin, cin, (3, 3), stride, groups=cin)
        self.bn1 = nn.BatchNorm2d(cin)
        self.pointwise = conv(cin, cout, (1, 1), 1)
        self.bn2 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.relu(self.bn1(self.depthwise(x)))
        return self.relu(self.bn2(self.pointwise(x)))


class MobileNetV1(nn.Module):
    """MobileNet v1 (width alpha) with the first conv's stride 2x1 and an extra max-pool (4x2, stride
    2x1) after the third conv layer (the first block's pointwise conv)."""

    BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + [(1024, 2), (1024, 1)]
    DEFAULT_WIDTH = 0.4375

    def __init__(self, width=DEFAULT_WIDTH, embedding=EMBEDDING):
        super().__init__()

        def ch(c):
            return max(8, int(c * width))

        cin = ch(32)
        self.conv1 = conv(1, cin, (3, 3), (2, 1))
        self.bn1 = nn.BatchNorm2d(cin)
        self.relu = nn.ReLU()
        blocks = []
        for cout, s in self.BLOCKS:
            blocks.append(DepthwiseSeparable(cin, ch(cout), s))
            cin = ch(cout)
        self.blocks = nn.ModuleList(blocks)
        self.extra_pool = nn.MaxPool2d((4, 2), (2, 1))
        self.tf_pool = TimeFreqPool()
        self.fc = nn.Linear(cin, embedding)
        self.l2norm = L2Norm()

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        for i, b in enumerate(self.blocks):
            x = b(x)
            if i == 0:
                x = self.extra_pool(x)
        return self.l2norm(self.fc(self.tf_pool(x)))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv(cin, cout, (3, 3), stride)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.conv2 = conv(cout, cout, (3, 3), 1)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


class ResNet18(nn.Module):
    """torchvision's ResNet-18 layout and names; stem conv 7x5 stride 2x1, max-pool 5x3 stride 4x2."""

    def __init__(self, width=1.0, embedding=EMBEDDING):
        super().__init__()
        c = [max(1, int(ch * width)) for ch in (64, 128, 256, 512)]
        self.conv1 = conv(1, c[0], (7, 5), (2, 1))
        self.bn1 = nn.BatchNorm2d(c[0])
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d((5, 3), (4, 2))
        cin = c[0]
        for i, cout in enumerate(c, start=1):
            stride = 1 if i == 1 else 2
            setattr(self, f"layer{i}", nn.Sequential(BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)))
            cin = cout
        self.tf_pool = TimeFreqPool()
        self.fc = nn.Linear(cin, embedding)
        self.l2norm = L2Norm()

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.l2norm(self.fc(self.tf_pool(x)))


MODELS = {"smallcnn": SmallCNN, "mobilenet": MobileNetV1, "resnet18": ResNet18}


def build(name, width=None):
    cls = MODELS[name]
    return cls() if width is None else cls(width=width)
