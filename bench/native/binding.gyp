{
  "targets": [
    {
      "target_name": "talib_reference",
      "sources": ["talib_reference.cpp"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "../../node_modules/talib/src/lib/include"
      ],
      "libraries": [
        "<(module_root_dir)/../../node_modules/talib/src/lib/lib/libta_abstract_csr.a",
        "<(module_root_dir)/../../node_modules/talib/src/lib/lib/libta_func_csr.a",
        "<(module_root_dir)/../../node_modules/talib/src/lib/lib/libta_common_csr.a",
        "<(module_root_dir)/../../node_modules/talib/src/lib/lib/libta_libc_csr.a"
      ],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions"],
      "cflags_cc!": ["-fno-exceptions"]
    },
    {
      "target_name": "backtest_reference",
      "sources": ["backtest_reference.cpp"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-ffp-contract=off"],
      "cflags_cc!": ["-fno-exceptions"]
    }
  ]
}
