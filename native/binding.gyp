{
  "targets": [
    {
      "target_name": "quorum_native",
      "sources": [
        "core/build_info.cpp",
        "core/indicators/registry.cpp",
        "core/indicators/overlap_studies.cpp",
        "core/indicators/price_transforms.cpp",
        "core/indicators/momentum_indicators.cpp",
        "core/indicators/ma_based_momentum.cpp",
        "core/indicators/volatility_indicators.cpp",
        "core/indicators/volume_indicators.cpp",
        "core/indicators/statistic_functions.cpp",
        "core/resample.cpp",
        "core/tick_aggregation.cpp",
        "core/strategy/program.cpp",
        "core/strategy/vm.cpp",
        "core/strategy/engine.cpp",
        "core/strategy/sweep.cpp",
        "core/exchange/costs.cpp",
        "core/exchange/portfolio.cpp",
        "core/metrics/metrics.cpp",
        "napi/addon.cpp",
        "napi/backtest_binding.cpp",
        "napi/bar_columns_binding.cpp",
        "napi/indicator_binding.cpp",
        "napi/resample_binding.cpp",
        "napi/tick_aggregation_binding.cpp"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED", "NODE_ADDON_API_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-Wall", "-Wextra", "-ffp-contract=off"],
      "cflags_cc!": ["-fno-exceptions"],
      "xcode_settings": {
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "GCC_OPTIMIZATION_LEVEL": "3",
        "MACOSX_DEPLOYMENT_TARGET": "11.0",
        "WARNING_CFLAGS": ["-Wall", "-Wextra"],
        "OTHER_CPLUSPLUSFLAGS": ["-ffp-contract=off"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "ExceptionHandling": 1, "AdditionalOptions": ["/std:c++17"] }
      }
    }
  ]
}
