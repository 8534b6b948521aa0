import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { parseInput } from '../../common/http/parse-query.js';
import {
  createUserBodySchema,
  type OneTimePasswordDto,
  type UserDto,
  updateUserBodySchema,
  userParamsSchema,
} from '../../contracts/auth.contract.js';
import { Roles } from '../auth/access.decorator.js';
import type { RequestUser } from '../auth/auth-request.type.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { toUserDto, UserAccounts } from './user-accounts.service.js';

/** Users and their roles, for admins. */
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(@Inject(UserAccounts) private readonly users: UserAccounts) {}

  @Get()
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @CurrentUser() actor: RequestUser): Promise<OneTimePasswordDto> {
    const created = await this.users.create(parseInput(createUserBodySchema, body, 'body'), actor.username);
    return { user: toUserDto(created.user), oneTimePassword: created.oneTimePassword };
  }

  @Patch(':id')
  async update(
    @Param() params: unknown,
    @Body() body: unknown,
    @CurrentUser() actor: RequestUser,
  ): Promise<UserDto> {
    const { id } = parseInput(userParamsSchema, params, 'query');
    return toUserDto(
      await this.users.update(id, parseInput(updateUserBodySchema, body, 'body'), actor.username),
    );
  }

  @Post(':id/reset')
  @HttpCode(200)
  async reset(@Param() params: unknown, @CurrentUser() actor: RequestUser): Promise<OneTimePasswordDto> {
    const { id } = parseInput(userParamsSchema, params, 'query');
    const reset = await this.users.resetPassword({ id }, actor.username);
    return { user: toUserDto(reset.user), oneTimePassword: reset.oneTimePassword };
  }
}
