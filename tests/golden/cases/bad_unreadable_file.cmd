treaty check /proc/self/mem
