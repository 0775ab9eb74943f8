/// The hot kernels (compiled networks, genes) are part of the Engine's API.
@_exported import EngineKernels
