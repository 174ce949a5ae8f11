/*
 * Stand-ins for the cuBLAS and cuDNN functions Colisten binds (io.colisten.kernels.cuda.Cublas and
 * Cudnn), with the C prototypes of cublas_api.h / cudnn_*.h: each records its arguments and returns
 * 0 (success). NativeBindingStubTest compiles this with gcc and checks that every Java downcall
 * reaches C with the right arity, types and order, without a GPU. Not part of any build output.
 */
#include <stdint.h>
#include <string.h>

/* A log of the calls since stub_reset(): name, integer / pointer arguments, floats read through the
 * scaling pointers, doubles. */
#define MAX_CALLS 64
static struct { char name[64]; int64_t args[24]; float floats[4]; double doubles[4]; int nargs, nfloats, ndoubles; } log_[MAX_CALLS];
static int ncalls;

void stub_reset(void) { ncalls = 0; }
int stub_calls(void) { return ncalls; }
const char *stub_name(int c) { return log_[c].name; }
int64_t stub_arg(int c, int i) { return log_[c].args[i]; }
int stub_nargs(int c) { return log_[c].nargs; }
float stub_float(int c, int i) { return log_[c].floats[i]; }
double stub_double(int c, int i) { return log_[c].doubles[i]; }

static int cur;
static void begin(const char *name) {
    cur = ncalls < MAX_CALLS ? ncalls++ : MAX_CALLS - 1;
    memset(&log_[cur], 0, sizeof log_[cur]);
    strncpy(log_[cur].name, name, sizeof log_[cur].name - 1);
}
#define A(x) (log_[cur].args[log_[cur].nargs++] = (int64_t)(x))
#define F(p) (log_[cur].floats[log_[cur].nfloats++] = *(const float *)(p))
#define D(x) (log_[cur].doubles[log_[cur].ndoubles++] = (x))
typedef void *P;

/* ---- cuBLAS ---- */
int cublasCreate_v2(P *h) { begin("cublasCreate_v2"); *h = (P)0x1234; return 0; }
int cublasDestroy_v2(P h) { begin("cublasDestroy_v2"); A(h); return 0; }
int cublasSetStream_v2(P h, P s) { begin("cublasSetStream_v2"); A(h); A(s); return 0; }
int cublasSetMathMode(P h, int m) { begin("cublasSetMathMode"); A(h); A(m); return 0; }
int cublasSgemm_v2(P h, int ta, int tb, int m, int n, int k, const float *alpha, const float *a, int lda,
                   const float *b, int ldb, const float *beta, float *c, int ldc) {
    begin("cublasSgemm_v2"); A(h); A(ta); A(tb); A(m); A(n); A(k); F(alpha); A(a); A(lda); A(b); A(ldb); F(beta); A(c); A(ldc);
    return 0;
}
int cublasSgemmStridedBatched(P h, int ta, int tb, int m, int n, int k, const float *alpha, const float *a, int lda,
                              long long sa, const float *b, int ldb, long long sb, const float *beta, float *c, int ldc,
                              long long sc, int batch) {
    begin("cublasSgemmStridedBatched"); A(h); A(ta); A(tb); A(m); A(n); A(k); F(alpha); A(a); A(lda); A(sa); A(b); A(ldb);
    A(sb); F(beta); A(c); A(ldc); A(sc); A(batch);
    return 0;
}

/* ---- cuDNN ---- */
static int64_t next_desc = 0x100;
int cudnnCreate(P *h) { begin("cudnnCreate"); *h = (P)0x5678; return 0; }
int cudnnDestroy(P h) { begin("cudnnDestroy"); A(h); return 0; }
int cudnnSetStream(P h, P s) { begin("cudnnSetStream"); A(h); A(s); return 0; }
#define CREATE(name) int name(P *d) { begin(#name); *d = (P)(next_desc++); return 0; }
#define DESTROY(name) int name(P d) { begin(#name); A(d); return 0; }
CREATE(cudnnCreateTensorDescriptor) DESTROY(cudnnDestroyTensorDescriptor)
CREATE(cudnnCreateFilterDescriptor) DESTROY(cudnnDestroyFilterDescriptor)
CREATE(cudnnCreateConvolutionDescriptor) DESTROY(cudnnDestroyConvolutionDescriptor)
CREATE(cudnnCreatePoolingDescriptor) DESTROY(cudnnDestroyPoolingDescriptor)
CREATE(cudnnCreateActivationDescriptor)
int cudnnSetTensor4dDescriptor(P d, int format, int type, int n, int c, int h, int w) {
    begin("cudnnSetTensor4dDescriptor"); A(d); A(format); A(type); A(n); A(c); A(h); A(w); return 0;
}
int cudnnSetFilter4dDescriptor(P d, int type, int format, int k, int c, int h, int w) {
    begin("cudnnSetFilter4dDescriptor"); A(d); A(type); A(format); A(k); A(c); A(h); A(w); return 0;
}
int cudnnSetConvolution2dDescriptor(P d, int ph, int pw, int u, int v, int dh, int dw, int mode, int type) {
    begin("cudnnSetConvolution2dDescriptor"); A(d); A(ph); A(pw); A(u); A(v); A(dh); A(dw); A(mode); A(type); return 0;
}
int cudnnSetConvolutionGroupCount(P d, int g) { begin("cudnnSetConvolutionGroupCount"); A(d); A(g); return 0; }
int cudnnSetConvolutionMathType(P d, int m) { begin("cudnnSetConvolutionMathType"); A(d); A(m); return 0; }

/* perf entries as cuDNN writes them: {algo, status, time, memory, determinism, mathType, reserved[3]} */
typedef struct { int algo; int status; float time; size_t memory; int determinism; int mathType; int reserved[3]; } Perf;
static int algo(const char *name, P h, P d1, P d2, P conv, P d3, int requested, int *returned, Perf *perf) {
    begin(name); A(h); A(d1); A(d2); A(conv); A(d3); A(requested);
    memset(perf, 0, sizeof(Perf) * 2);
    perf[0].algo = 5; perf[0].status = 0; perf[0].memory = (size_t)1 << 40;  /* too much workspace */
    perf[1].algo = 1; perf[1].status = 0; perf[1].memory = 4096;
    *returned = 2;
    return sizeof(Perf) == 48 ? 0 : 99;
}
int cudnnGetConvolutionForwardAlgorithm_v7(P h, P x, P w, P c, P y, int r, int *n, Perf *p) {
    return algo("cudnnGetConvolutionForwardAlgorithm_v7", h, x, w, c, y, r, n, p);
}
int cudnnGetConvolutionBackwardDataAlgorithm_v7(P h, P w, P dy, P c, P dx, int r, int *n, Perf *p) {
    return algo("cudnnGetConvolutionBackwardDataAlgorithm_v7", h, w, dy, c, dx, r, n, p);
}
int cudnnGetConvolutionBackwardFilterAlgorithm_v7(P h, P x, P dy, P c, P dw, int r, int *n, Perf *p) {
    return algo("cudnnGetConvolutionBackwardFilterAlgorithm_v7", h, x, dy, c, dw, r, n, p);
}
static int conv(const char *name, P h, const void *alpha, P d1, P p1, P d2, P p2, P c, int algo, P ws, size_t bytes,
                const void *beta, P d3, P p3) {
    begin(name); A(h); F(alpha); A(d1); A(p1); A(d2); A(p2); A(c); A(algo); A(ws); A(bytes); F(beta); A(d3); A(p3);
    return 0;
}
int cudnnConvolutionForward(P h, const void *a, P xd, P x, P wd, P w, P c, int al, P ws, size_t b, const void *be, P yd, P y) {
    return conv("cudnnConvolutionForward", h, a, xd, x, wd, w, c, al, ws, b, be, yd, y);
}
int cudnnConvolutionBackwardData(P h, const void *a, P wd, P w, P dyd, P dy, P c, int al, P ws, size_t b, const void *be,
                                 P dxd, P dx) {
    return conv("cudnnConvolutionBackwardData", h, a, wd, w, dyd, dy, c, al, ws, b, be, dxd, dx);
}
int cudnnConvolutionBackwardFilter(P h, const void *a, P xd, P x, P dyd, P dy, P c, int al, P ws, size_t b,
                                   const void *be, P dwd, P dw) {
    return conv("cudnnConvolutionBackwardFilter", h, a, xd, x, dyd, dy, c, al, ws, b, be, dwd, dw);
}
int cudnnBatchNormalizationForwardTraining(P h, int mode, const void *alpha, const void *beta, P xd, P x, P yd, P y,
                                           P bd, P scale, P bias, double factor, P rm, P rv, double eps, P sm, P siv) {
    begin("cudnnBatchNormalizationForwardTraining"); A(h); A(mode); F(alpha); F(beta); A(xd); A(x); A(yd); A(y); A(bd);
    A(scale); A(bias); D(factor); A(rm); A(rv); D(eps); A(sm); A(siv);
    return 0;
}
int cudnnBatchNormalizationForwardInference(P h, int mode, const void *alpha, const void *beta, P xd, P x, P yd, P y,
                                            P bd, P scale, P bias, P mean, P var, double eps) {
    begin("cudnnBatchNormalizationForwardInference"); A(h); A(mode); F(alpha); F(beta); A(xd); A(x); A(yd); A(y); A(bd);
    A(scale); A(bias); A(mean); A(var); D(eps);
    return 0;
}
int cudnnBatchNormalizationBackward(P h, int mode, const void *ad, const void *bd, const void *ap, const void *bp,
                                    P xd, P x, P dyd, P dy, P dxd, P dx, P sd, P scale, P dscale, P dbias, double eps,
                                    P sm, P siv) {
    begin("cudnnBatchNormalizationBackward"); A(h); A(mode); F(ad); F(bd); F(ap); F(bp); A(xd); A(x); A(dyd); A(dy);
    A(dxd); A(dx); A(sd); A(scale); A(dscale); A(dbias); D(eps); A(sm); A(siv);
    return 0;
}
int cudnnSetPooling2dDescriptor(P d, int mode, int nan, int wh, int ww, int ph, int pw, int sh, int sw) {
    begin("cudnnSetPooling2dDescriptor"); A(d); A(mode); A(nan); A(wh); A(ww); A(ph); A(pw); A(sh); A(sw); return 0;
}
int cudnnPoolingForward(P h, P pd, const void *alpha, P xd, P x, const void *beta, P yd, P y) {
    begin("cudnnPoolingForward"); A(h); A(pd); F(alpha); A(xd); A(x); F(beta); A(yd); A(y); return 0;
}
int cudnnSetActivationDescriptor(P d, int mode, int nan, double coef) {
    begin("cudnnSetActivationDescriptor"); A(d); A(mode); A(nan); D(coef); return 0;
}
int cudnnActivationForward(P h, P ad, const void *alpha, P xd, P x, const void *beta, P yd, P y) {
    begin("cudnnActivationForward"); A(h); A(ad); F(alpha); A(xd); A(x); F(beta); A(yd); A(y); return 0;
}
int cudnnActivationBackward(P h, P ad, const void *alpha, P yd, P y, P dyd, P dy, P xd, P x, const void *beta, P dxd,
                            P dx) {
    begin("cudnnActivationBackward"); A(h); A(ad); F(alpha); A(yd); A(y); A(dyd); A(dy); A(xd); A(x); F(beta); A(dxd);
    A(dx);
    return 0;
}
