#!/usr/bin/env node
console.log("topiclens");
