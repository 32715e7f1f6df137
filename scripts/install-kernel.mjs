console.log("install-kernel: (to be written)");
