// `make-model`: a random-weight GGUF of a given shape and weight type, for benchmarks.
#include "args.h"
#include "commands.h"
#include "gguf/mapped_file.h"
#include "model/random_model.h"

#include <cstdio>

namespace causerie::cli {

int cmd_make_model(int argc, char** argv) {
    Args args(argc, argv, 2, {"tied", "fused-qkv", "longrope", "attn-norm-2", "qkv-bias"});
    RandomModelSpec s;
    s.arch = args.get_or("arch", "llama");
    s.n_embd = uint32_t(args.get_int("embd", 256));
    s.n_layer = uint32_t(args.get_int("layers", 2));
    s.n_head = uint32_t(args.get_int("heads", 4));
    s.n_head_kv = uint32_t(args.get_int("kv-heads", s.n_head));
    s.head_dim = uint32_t(args.get_int("head-dim", 0));
    s.n_ff = uint32_t(args.get_int("ff", 4 * s.n_embd));
    s.n_vocab = uint32_t(args.get_int("vocab", 512));
    s.n_ctx = uint32_t(args.get_int("ctx", 4096));
    s.type = args.get_or("type", "f32");
    s.seed = uint64_t(args.get_int("seed", 1));
    s.tied_embeddings = args.has("tied");
    s.sliding_window = uint32_t(args.get_int("sliding-window", 0));
    s.swa_period = uint32_t(args.get_int("swa-period", 0));
    s.rope_base_swa = float(args.get_double("rope-base-swa", 0));
    s.attn_softcap = float(args.get_double("attn-softcap", 0));
    s.final_softcap = float(args.get_double("final-softcap", 0));
    s.fused_qkv = args.has("fused-qkv");
    s.rope_dim = uint32_t(args.get_int("rope-dim", 0));
    s.n_ctx_orig = uint32_t(args.get_int("ctx-orig", 0));
    s.longrope = args.has("longrope");
    s.rope_attn_factor = float(args.get_double("rope-attn-factor", 0));
    s.rope_yarn_factor = float(args.get_double("yarn", 0));
    s.yarn_beta_fast = float(args.get_double("yarn-beta-fast", 0));
    s.yarn_beta_slow = float(args.get_double("yarn-beta-slow", 0));
    s.attn_temp_scale = float(args.get_double("attn-temp-scale", 0));
    s.embedding_scale = float(args.get_double("embedding-scale", 0));
    s.residual_scale = float(args.get_double("residual-scale", 0));
    s.attention_scale = float(args.get_double("attention-scale", 0));
    s.logit_scale = float(args.get_double("logit-scale", 0));
    s.attn_norm_2 = args.has("attn-norm-2");
    s.qkv_bias = args.has("qkv-bias");
    s.n_expert = uint32_t(args.get_int("experts", 0));
    s.n_expert_used = uint32_t(args.get_int("experts-used", 2));
    s.n_ff_exp = uint32_t(args.get_int("expert-ff", 0));
    s.expert_type = args.get_or("expert-type", "");
    s.n_ff_shexp = uint32_t(args.get_int("shared-expert-ff", 0));
    s.pooling = int(args.get_int("pooling", -1));
    s.ssm_conv = uint32_t(args.get_int("ssm-conv", 4));
    s.ssm_state = uint32_t(args.get_int("ssm-state", 0));
    s.ssm_k_heads = uint32_t(args.get_int("ssm-k-heads", 0));
    s.ssm_v_heads = uint32_t(args.get_int("ssm-v-heads", 0));
    s.full_attn_interval = uint32_t(args.get_int("full-attn-interval", 4));
    s.head_dim_swa = uint32_t(args.get_int("head-dim-swa", 0));
    s.rope_dim_swa = uint32_t(args.get_int("rope-dim-swa", 0));
    s.n_embd_per_layer = uint32_t(args.get_int("per-layer-embd", 0));
    s.shared_kv_layers = uint32_t(args.get_int("shared-kv-layers", 0));
    s.global_k_eq_v = args.has("global-k-eq-v");
    s.layer_out_scale = args.has("layer-out-scale");
    s.n_head_kv_global = uint32_t(args.get_int("kv-heads-global", 0));
    s.n_ff_shared = uint32_t(args.get_int("ff-shared", 0));
    s.experts_gate_up_apart = args.has("experts-gate-up-apart");
    if (!args.error().empty()) return fail(args.error());
    auto out = args.get("out");
    if (!out) return fail("make-model needs --out FILE");

    std::unique_ptr<MappedFile> vocab_map;
    Gguf vocab;
    if (auto v = args.get("vocab-from")) {
        auto m = MappedFile::open(*v);
        if (!m) return fail(m.error().message);
        vocab_map = std::make_unique<MappedFile>(std::move(*m));
        auto g = parse_gguf(vocab_map->bytes());
        if (!g) return fail(*v + ": " + g.error().message);
        vocab = std::move(*g);
        s.vocab = &vocab;
    }
    auto w = make_random_model(s);
    if (!w) return fail(w.error().message);
    auto st = w->write(*out);
    if (!st) return fail(st.error().message);
    std::fprintf(stderr, "wrote %s (%s, %s)\n", out->c_str(), s.arch.c_str(), s.type.c_str());
    return 0;
}

}  // namespace causerie::cli
