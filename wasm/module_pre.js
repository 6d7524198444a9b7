// Prepended to voigtfit_mt.js and voigtfit_st.js (--pre-js): runs inside the module factory,
// where `Module` is the object passed to createVoigtfit().

// Size of the pthread pool (voigtfit_mt only; -sPTHREAD_POOL_SIZE=voigtfit_pool_size() calls
// this once at startup): the caller's Module.pthreadPoolSize, else the logical cores
// (navigator.hardwareConcurrency in pages and workers, os.cpus() in Node, which has no
// navigator). Every std::thread must come from this pool (one more would
// wait for a Worker that only starts once the event loop runs, i.e. never), so bindings.cc
// clamps thread counts to Module.pthreadPoolSize as set here.
function voigtfit_pool_size() {
  var cores = typeof navigator != 'undefined' ? navigator.hardwareConcurrency
                                              : require('os').cpus().length;
  var size = Math.floor(Module['pthreadPoolSize'] || cores || 1);
  return Module['pthreadPoolSize'] = Math.max(1, Math.min(size, 64));
}

// Ends the pool's Workers so that Node can exit (they keep its event loop alive). The module
// is unusable afterwards. A no-op in voigtfit_st.
Module['terminate_workers'] = function() {
  if (typeof PThread != 'undefined') PThread.terminateAllThreads();
};
