package io.colisten.nn.models;

/** The paper's figures for a network (section 4): parameters and multiplies per 300 x 64 window. */
public record PaperBudget(long parameters, long macs) {
    public static PaperBudget of(String model) {
        return switch (model) {
            case ModelConfig.SMALLCNN -> new PaperBudget(537_000, 22_000_000);
            case ModelConfig.MOBILENET -> new PaperBudget(670_000, 26_100_000);
            case ModelConfig.RESNET18 -> new PaperBudget(11_200_000, 686_000_000);
            default -> throw new IllegalArgumentException("model: no paper budget for '" + model + "'");
        };
    }
}
