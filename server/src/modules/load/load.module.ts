import { Module } from '@nestjs/common';
import { LoadController } from './load.controller.js';

@Module({ controllers: [LoadController] })
export class LoadModule {}
